package io.aitmdefense.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecordRefTest {

    @Test
    void aLowerCaseGuidIdIsGivenBackExactlyAsLogged() {
        String id = "0f9e8d7c-6b5a-4938-a7b6-c5d4e3f2a1b0";
        RecordRef r = new RecordRef("SigninLogs.json", 12, 0, id, RecordIdKind.SIGN_IN_REQUEST_ID);

        assertThat(r.recordId()).isEqualTo(id);
        assertThat(r).hasToString("SigninLogs.json:12 " + id);
        assertThat(new RecordRef("SigninLogs.json", 12, 0, "ffffffff-ffff-ffff-ffff-ffffffffffff", RecordIdKind.SIGN_IN_REQUEST_ID)
                .recordId()).isEqualTo("ffffffff-ffff-ffff-ffff-ffffffffffff");
        assertThat(new RecordRef("SigninLogs.json", 12, 0, "00000000-0000-0000-0000-000000000000", RecordIdKind.SIGN_IN_REQUEST_ID)
                .recordId()).isEqualTo("00000000-0000-0000-0000-000000000000");
    }

    @Test
    void anyOtherIdIsKeptAsItIsUpperCaseGuidsAndTheEmptyIdIncluded() {
        for (String id : new String[]{"0F9E8D7C-6B5A-4938-A7B6-C5D4E3F2A1B0", "Directory_8a2f3c_1", "",
                "0f9e8d7c-6b5a-4938-a7b6-c5d4e3f2a1b", "0f9e8d7c-6b5a-4938-a7b6-c5d4e3f2a1bg", "0f9e8d7c06b5a-4938-a7b6-c5d4e3f2a1b0"}) {
            assertThat(new RecordRef("AuditLogs.json", 3, 1, id, RecordIdKind.AUDIT_ID).recordId()).isEqualTo(id);
        }
        assertThat(new RecordRef("AuditLogs.json", 3, 1, "", RecordIdKind.NONE)).hasToString("AuditLogs.json:3#1");
    }

    @Test
    void equalPlacesAndIdsAreEqualAndDifferentOnesAreNot() {
        String id = "0f9e8d7c-6b5a-4938-a7b6-c5d4e3f2a1b0";
        RecordRef a = new RecordRef("f", 1, 0, id, RecordIdKind.SIGN_IN_REQUEST_ID);
        RecordRef b = new RecordRef("f", 1, 0, new String(id), RecordIdKind.SIGN_IN_REQUEST_ID);

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new RecordRef("f", 1, 0, "0f9e8d7c-6b5a-4938-a7b6-c5d4e3f2a1b1", RecordIdKind.SIGN_IN_REQUEST_ID))
                .isNotEqualTo(new RecordRef("f", 1, 0, id.toUpperCase(), RecordIdKind.SIGN_IN_REQUEST_ID))
                .isNotEqualTo(new RecordRef("f", 2, 0, id, RecordIdKind.SIGN_IN_REQUEST_ID))
                .isNotEqualTo(new RecordRef("f", 1, 0, id, RecordIdKind.UNIFIED_AUDIT_ID));
    }
}
