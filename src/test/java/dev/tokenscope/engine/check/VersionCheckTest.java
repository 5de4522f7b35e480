package dev.tokenscope.engine.check;

import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.Inspector;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Status;
import dev.tokenscope.engine.report.Step;
import dev.tokenscope.engine.trust.TrustResolver;
import dev.tokenscope.testing.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;

import static dev.tokenscope.testing.Tokens.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "ver" against the issuer's form: v1.0 ↔ sts.windows.net/{tid}/, v2.0 ↔ login.microsoftonline.com/{tid}/v2.0. */
class VersionCheckTest {
    static final Inspector INSPECTOR = new Inspector(TrustResolver.offlineOnly(), Clock.fixed(Tokens.NOW, ZoneOffset.UTC));

    static Step version(String token) {
        Report r = INSPECTOR.inspect(token, ValidationProfile.defaults().withAt(Tokens.NOW));
        return r.step("version").orElseThrow();
    }

    @Test
    void v2TokenPointsAtTheV2Metadata() {
        Step s = version(Tokens.sign(Tokens.v2Access()));
        assertEquals(Status.PASS, s.status());
        assertEquals("2.0", s.evidence().get("ver"));
        assertEquals("Microsoft Entra ID (v2.0 issuer)", s.evidence().get("issuer kind"));
        assertTrue(s.detail().startsWith("v2.0 token"), s.detail());
        assertTrue(s.detail().endsWith("https://login.microsoftonline.com/" + TENANT + "/v2.0/.well-known/openid-configuration"), s.detail());
    }

    @Test
    void v1TokenPointsAtTheV1Metadata() {
        Step s = version(Tokens.sign(Tokens.v1Access()));
        assertEquals(Status.PASS, s.status());
        assertEquals("1.0", s.evidence().get("ver"));
        assertTrue(s.detail().startsWith("v1.0 token"), s.detail());
        assertTrue(s.detail().endsWith("https://login.microsoftonline.com/" + TENANT + "/.well-known/openid-configuration"), s.detail());
    }

    @Test
    void v2VersionWithAV1IssuerIsNotEntraAsIs() {
        Step s = version(Tokens.sign(Tokens.v1Access().claim("ver", "2.0")));
        assertEquals(Status.FAIL, s.status());
        assertEquals("IDX10205", s.idx());
        assertTrue(s.detail().contains("v1.0 form"), s.detail());
    }

    @Test
    void v1VersionWithAV2IssuerIsNotEntraAsIs() {
        Step s = version(Tokens.sign(Tokens.v2Access().claim("ver", "1.0")));
        assertEquals(Status.FAIL, s.status());
        assertEquals("IDX10205", s.idx());
        assertTrue(s.detail().contains("v2.0 form"), s.detail());
    }

    @Test
    void missingVerOnAnEntraTokenWarns() {
        Step s = version(Tokens.sign(Tokens.v2Access().claim("ver", null)));
        assertEquals(Status.WARN, s.status());
        assertEquals("(missing)", s.evidence().get("ver"));
    }

    @Test
    void unknownVersionWarns() {
        Step s = version(Tokens.sign(Tokens.v2Access().claim("ver", "3.0")));
        assertEquals(Status.WARN, s.status());
        assertTrue(s.detail().contains("Unknown version \"3.0\""), s.detail());
    }

    @Test
    void nonStringVerIsTreatedAsMissing() {
        Step s = version(Tokens.sign(Tokens.v2Access().claim("ver", 2)));
        assertEquals(Status.WARN, s.status());
        assertEquals("(missing)", s.evidence().get("ver"));
    }

    @Test
    void nonEntraIssuerIsOnlyInformation() {
        Step s = version(Tokens.sign(Tokens.v2Access().issuer("https://accounts.example.org").claim("ver", "2.0")));
        assertEquals(Status.INFO, s.status());
        assertTrue(s.detail().contains("not an Entra token"), s.detail());
    }

    @Test
    void jweSkips() {
        assertEquals(Status.SKIP, version(Tokens.encrypted(Tokens.v2Access())).status());
    }
}
