package com.cruddur.app.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.testing.ScriptRunner;
import com.cruddur.testing.ScriptRunner.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** rds-create and rds-update-sg-rule, run against a fake {@code aws} that records its arguments. */
class AwsScriptsTest {

    private static final List<String> DEFAULT_CREATE = List.of(
            "rds", "create-db-instance",
            "--db-instance-identifier", "cruddur-db-instance",
            "--db-instance-class", "db.t3.micro",
            "--engine", "postgres",
            "--engine-version", "17.6",
            "--master-username", "cruddurroot",
            "--manage-master-user-password",
            "--allocated-storage", "20",
            "--storage-type", "gp3",
            "--storage-encrypted",
            "--backup-retention-period", "7",
            "--port", "5432",
            "--db-name", "cruddur",
            "--no-multi-az",
            "--deletion-protection",
            "--publicly-accessible",
            "--enable-performance-insights");

    @TempDir
    Path workspace;

    private ScriptRunner scripts;
    private Path awsArguments;

    @BeforeEach
    void fakeAws() {
        scripts = new ScriptRunner(workspace);
        Path bin = scripts.directory("bin");
        awsArguments = workspace.resolve("aws-arguments");
        ScriptRunner.executable(bin.resolve("aws"), """
                #!/bin/sh
                printf '%%s\\n' "$@" > '%s'
                echo '{}'
                """.formatted(awsArguments));
        scripts.withFirstOnPath(bin);
    }

    @Test
    void rdsCreateRunsTheSaferCommandWithNoPasswordOnIt() throws IOException {
        Result result = scripts.run("rds-create");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).startsWith("== rds-create\n").contains("aws " + String.join(" ", DEFAULT_CREATE));
        assertThat(awsCall()).containsExactlyElementsOf(DEFAULT_CREATE)
                .noneMatch(argument -> argument.startsWith("--master-user-password"));
    }

    @Test
    void rdsCreateTakesEachSettingFromAFlagOrAVariable() throws IOException {
        Result result = scripts
                .with("RDS_ENGINE_VERSION", "16.10")
                .with("RDS_INSTANCE_IDENTIFIER", "cruddur-staging")
                .with("RDS_DELETION_PROTECTION", "false")
                .run("rds-create", "--allocated-storage", "50", "--backup-retention-days", "14", "--storage-type", "io2",
                        "--no-public-access", "--no-performance-insights", "--availability-zone", "ca-central-1a");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(awsCall()).containsSubsequence("--engine-version", "16.10")
                .containsSubsequence("--db-instance-identifier", "cruddur-staging")
                .containsSubsequence("--allocated-storage", "50")
                .containsSubsequence("--backup-retention-period", "14")
                .containsSubsequence("--storage-type", "io2")
                .contains("--no-deletion-protection", "--no-publicly-accessible", "--no-enable-performance-insights")
                .containsSubsequence("--availability-zone", "ca-central-1a")
                .doesNotContain("--deletion-protection", "--publicly-accessible", "--enable-performance-insights");
    }

    @Test
    void rdsCreateDryRunPrintsTheCommandAndRunsNothing() {
        Result result = scripts.run("rds-create", "--dry-run");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("aws " + String.join(" ", DEFAULT_CREATE)).contains("dry run: nothing was created");
        assertThat(awsArguments).doesNotExist();
    }

    @Test
    void rdsCreateRejectsABadSettingBeforeCallingAws() {
        Result result = scripts.run("rds-create", "--allocated-storage", "5");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).isEqualTo("rds-create: allocated storage must be a number of GiB, at least 20: 5\n");
        assertThat(awsArguments).doesNotExist();
    }

    @Test
    void sgRuleAllowsPostgresFromThisMachinesAddressOnly() throws IOException {
        Result result = securityGroup().with("GITPOD_IP", "203.0.113.7").with("GITPOD_WORKSPACE_ID", "ws-42")
                .run("rds-update-sg-rule");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(awsCall()).containsExactly(
                "ec2", "modify-security-group-rules",
                "--group-id", "sg-0123abcd",
                "--security-group-rules",
                "[{\"SecurityGroupRuleId\":\"sgr-0456ef\",\"SecurityGroupRule\":{\"IpProtocol\":\"tcp\",\"FromPort\":5432,"
                        + "\"ToPort\":5432,\"CidrIpv4\":\"203.0.113.7/32\",\"Description\":\"cruddur dev: ws-42\"}}]");
    }

    @Test
    void sgRuleIpFlagWinsOverGitpodIp() throws IOException {
        Result result = securityGroup().with("GITPOD_IP", "203.0.113.7")
                .run("rds-update-sg-rule", "--ip", "198.51.100.20", "--description", "laptop (home)");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(awsCall().get(5)).contains("\"CidrIpv4\":\"198.51.100.20/32\"", "\"Description\":\"laptop (home)\"");
    }

    @Test
    void sgRuleDryRunPrintsTheCommandAndRunsNothing() {
        Result result = securityGroup().run("rds-update-sg-rule", "--dry-run", "--ip", "198.51.100.20");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("aws ec2 modify-security-group-rules --group-id sg-0123abcd --security-group-rules '[{")
                .contains("dry run: nothing was changed");
        assertThat(awsArguments).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"999.1.1.1", "256.0.0.1", "::1", "2001:db8::7", "junk", "1.2.3", "1.2.3.4.5", "01.2.3.4",
            "1.2.3.4/32", " 1.2.3.4", "1.2.3.4'"})
    void sgRuleRejectsWhatIsNotAnIpv4Address(String address) {
        Result result = securityGroup().run("rds-update-sg-rule", "--ip", address);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).isEqualTo("rds-update-sg-rule: not an IPv4 address: " + address + "\n");
        assertThat(awsArguments).doesNotExist();
    }

    @Test
    void sgRuleNamesTheMissingVariable() {
        Result result = scripts.with("DB_SG_RULE_ID", "sgr-0456ef").with("GITPOD_IP", "203.0.113.7").run("rds-update-sg-rule");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).isEqualTo("rds-update-sg-rule: DB_SG_ID is not set (the database's security group, sg-...)\n");
        assertThat(awsArguments).doesNotExist();
    }

    private ScriptRunner securityGroup() {
        return scripts.with("DB_SG_ID", "sg-0123abcd").with("DB_SG_RULE_ID", "sgr-0456ef");
    }

    private List<String> awsCall() throws IOException {
        return Files.readAllLines(awsArguments);
    }
}
