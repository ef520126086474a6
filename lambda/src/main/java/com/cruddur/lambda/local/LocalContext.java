package com.cruddur.lambda.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A Lambda context outside Lambda: its logger keeps every line and hands it to {@code sink}. */
public final class LocalContext implements Context {

    private final String requestId = UUID.randomUUID().toString();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Consumer<String> sink;

    public LocalContext(Consumer<String> sink) {
        this.sink = sink;
    }

    public LocalContext() {
        this(line -> { });
    }

    public List<String> logLines() {
        return lines;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                lines.add(message);
                sink.accept(message);
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }
        };
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/cruddur-sign-up-local";
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return "cruddur-sign-up-local";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:local:000000000000:function:cruddur-sign-up-local";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return 5000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 512;
    }
}
