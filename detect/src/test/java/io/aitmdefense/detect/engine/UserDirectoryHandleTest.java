package io.aitmdefense.detect.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A key's number is the index of the user's state in a shard: one per key, dense, however the key is asked for. */
class UserDirectoryHandleTest {
    private static final String TENANT = "aaaaaaaa-0000-0000-0000-000000000001";
    private static final String OBJECT_ID = "11111111-2222-3333-4444-555555555555";

    @Test
    void everyKeyHasOneNumberDenseInTheOrderKeysWereFirstHandedOut() {
        UserDirectory directory = new UserDirectory();
        UserDirectory.Handle jane = directory.handleOf(new UserDirectory.Identity(TENANT, "jane@contoso.example", ""));
        UserDirectory.Handle john = directory.handleOf(new UserDirectory.Identity(TENANT, "john@contoso.example", ""));
        UserDirectory.Handle janeElsewhere = directory.handleOf(new UserDirectory.Identity("", "jane@contoso.example", ""));

        assertThat(jane).isEqualTo(new UserDirectory.Handle(TENANT + "/jane@contoso.example", 0));
        assertThat(john.number()).isEqualTo(1);
        assertThat(janeElsewhere).isEqualTo(new UserDirectory.Handle("jane@contoso.example", 2));
        assertThat(directory.handleOf(new UserDirectory.Identity(TENANT, "jane@contoso.example", ""))).isSameAs(jane);
        assertThat(directory.handleOf(new UserDirectory.Identity("", "", ""))).isSameAs(UserDirectory.Handle.NONE);
    }

    @Test
    void aRecordNamingTheUserByObjectIdAndASnapshotNamingTheKeyFindTheSameHandle() {
        UserDirectory directory = new UserDirectory();
        directory.learn(new UserDirectory.Identity(TENANT, "jane@contoso.example", OBJECT_ID), 1_000L);
        UserDirectory.Handle byUpn = directory.handleOf(new UserDirectory.Identity(TENANT, "jane@contoso.example", OBJECT_ID));

        assertThat(directory.handleOf(new UserDirectory.Identity(TENANT, "", OBJECT_ID))).isSameAs(byUpn);
        assertThat(directory.handleOf(TENANT + "/jane@contoso.example")).isSameAs(byUpn);
        // a key first asked for by its text is the one its user's records find later
        UserDirectory.Handle restored = directory.handleOf(TENANT + "/john@contoso.example");
        assertThat(directory.handleOf(new UserDirectory.Identity(TENANT, "john@contoso.example", ""))).isSameAs(restored);
    }

    @Test
    void twoIdsThatSpellTheSameKeyShareItsHandle() {
        UserDirectory directory = new UserDirectory();
        UserDirectory.Handle scoped = directory.handleOf(new UserDirectory.Identity(TENANT, "", "x"));
        UserDirectory.Handle unscoped = directory.handleOf(new UserDirectory.Identity("", "", TENANT + "/x"));

        assertThat(unscoped).isSameAs(scoped);
    }
}
