package com.cruddur.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cruddur.activity.Activities;
import com.cruddur.activity.Activity;
import com.cruddur.testing.PostgresExtension;
import com.cruddur.testing.TestData;
import com.cruddur.testing.TestDatabase;
import com.cruddur.user.User;
import com.cruddur.user.Users;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The feed's read model over activities and their authors, on a real PostgreSQL. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedTest {

    private TestDatabase database;
    private Feed feed;
    private UUID alice;
    private UUID bob;
    private UUID newest;
    private UUID middle;
    private UUID oldest;

    @BeforeAll
    void cruds(TestDatabase database) {
        this.database = database;
        this.feed = new Feed(database.jdbi().installPlugin(Users.rowMappers()).installPlugin(Activities.rowMappers()));
        TestData data = new TestData(database);
        alice = data.user("alice").displayName("Alice A.").insert();
        bob = data.user("bob").insert();
        oldest = data.crud(alice, "oldest", Duration.ofMinutes(30), Duration.ofDays(1));
        middle = data.crud(bob, "middle", Duration.ofMinutes(20), null);
        newest = data.crud(alice, "newest", Duration.ofMinutes(10), Duration.ofDays(1));
        data.crud(bob, "expired", Duration.ofMinutes(5), Duration.ofMinutes(-1));
        data.reply(bob, oldest, "second reply", Duration.ofMinutes(1));
        data.reply(alice, oldest, "first reply", Duration.ofMinutes(2));
    }

    @Test
    void theHomeFeedIsTopLevelUnexpiredNewestFirstWithItsAuthors() {
        List<FeedItem> page = feed.homeFeed(new PageRequest(10, null));

        assertThat(page).extracting(item -> item.activity().message()).containsExactly("newest", "middle", "oldest");
        User author = page.get(0).author();
        assertThat(author.uuid()).isEqualTo(alice);
        assertThat(author.handle()).isEqualTo("alice");
        assertThat(author.displayName()).isEqualTo("Alice A.");
        assertThat(page.get(1).author().uuid()).isEqualTo(bob);
    }

    @Test
    void aPageAfterACursorContinuesWhereTheLastOneEnded() {
        List<FeedItem> first = feed.homeFeed(new PageRequest(1, null));
        Activity last = first.get(first.size() - 2).activity();
        List<FeedItem> next = feed.homeFeed(new PageRequest(1, new FeedCursor(last.createdAt(), last.uuid())));

        assertThat(first).as("one more row than the page: another page follows").hasSize(2);
        assertThat(next).extracting(item -> item.activity().uuid()).containsExactly(middle, oldest);
    }

    @Test
    void repliesComeOldestFirstPerParent() {
        Map<UUID, List<Activity>> replies = feed.replies(List.of(oldest, newest), new PageRequest(10, null));

        assertThat(replies).containsOnlyKeys(oldest);
        assertThat(replies.get(oldest)).extracting(Activity::message).containsExactly("first reply", "second reply");
    }

    @Test
    void aUsersActivitiesIncludeTheirRepliesAndLeaveOutWhatExpired() {
        assertThat(feed.userActivities(List.of(alice, bob), new PageRequest(10, null)))
                .hasEntrySatisfying(alice, activities -> assertThat(activities).extracting(Activity::message)
                        .containsExactly("first reply", "newest", "oldest"))
                .hasEntrySatisfying(bob, activities -> assertThat(activities).extracting(Activity::message)
                        .containsExactly("second reply", "middle"));
    }

    @Test
    void withoutTheActivityAndUserRowMappersTheFeedRefusesToStart() {
        assertThatThrownBy(() -> new Feed(database.jdbi().installPlugin(Users.rowMappers())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Activities.rowMappers()");
        assertThatThrownBy(() -> new Feed(database.jdbi().installPlugin(Activities.rowMappers())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Users.rowMappers()");
    }
}
