package dev.tokenscope.engine.entra;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthoritiesTest {
    static final String TID = "3c1a8c7e-2f4b-4d6e-9a8b-7c6d5e4f3a2b";

    @Test
    void microsoftAuthoritiesAreTrustedAndNoLookalikes() {
        for (String iss : List.of("https://login.microsoftonline.com/" + TID + "/v2.0", "https://sts.windows.net/" + TID + "/",
                "https://login.microsoftonline.us/" + TID + "/v2.0", "https://login.partner.microsoftonline.cn/" + TID + "/v2.0",
                "https://contoso.b2clogin.com/" + TID + "/v2.0/", "https://" + TID + ".ciamlogin.com/" + TID + "/v2.0",
                "https://LOGIN.MICROSOFTONLINE.COM./" + TID + "/v2.0")) {
            assertTrue(Authorities.isMicrosoftIssuer(iss), iss);
            assertTrue(Authorities.lookalike(iss).isEmpty(), iss);
        }
    }

    @Test
    void otherIssuersAreNotMicrosoftButNotLookalikesEither() {
        for (String iss : List.of("https://accounts.google.com", "https://issuer.example/", "https://dev-123.okta.com/oauth2/default",
                "http://127.0.0.1:8080/default", "https://login.example.org/" + TID + "/v2.0", "https://evil.login.microsoftonline.com/x",
                "https://keycloak.contoso.example/realms/api", "https://attacker.z13.web.core.windows.net/")) {
            assertFalse(Authorities.isMicrosoftIssuer(iss), iss);
            assertTrue(Authorities.lookalike(iss).isEmpty(), iss + " → " + Authorities.lookalike(iss));
        }
        // Plain HTTP is never Microsoft's, whatever the host.
        assertFalse(Authorities.isMicrosoftIssuer("http://login.microsoftonline.com/" + TID + "/v2.0"));
    }

    @Test
    void suffixTricksAreLookalikes() {
        assertLookalike("https://login.microsoftonline.com.evil.example/" + TID + "/v2.0", "login.microsoftonline.com");
        assertLookalike("https://sts.windows.net.attacker.example/" + TID + "/", "sts.windows.net");
        assertLookalike("https://login.microsoftonline.com-auth.example/" + TID + "/v2.0", "login.microsoftonline.com");
        assertLookalike("https://contoso.b2clogin.com.evil.example/" + TID + "/v2.0/", "{tenant}.b2clogin.com");
        // userinfo tricks: the host is what follows '@'
        assertLookalike("https://login.microsoftonline.com@evil.example/" + TID + "/v2.0", "login.microsoftonline.com");
        assertLookalike("https://login.microsoftonline.com@login.microsoftonline.com.evil.example/" + TID + "/v2.0", "login.microsoftonline.com");
    }

    @Test
    void typosAreLookalikes() {
        assertLookalike("https://login.microsoftonIine.com/" + TID + "/v2.0", "login.microsoftonline.com");
        assertLookalike("https://login.rnicrosoftonline.com/" + TID + "/v2.0", "login.microsoftonline.com");
        assertLookalike("https://login.microsoftonline.co/" + TID + "/v2.0", "login.microsoftonline.com");
        assertLookalike("https://login-microsoftonline.com/" + TID + "/v2.0", "login.microsoftonline.com");
        assertLookalike("https://logn.micros0ftonline.com/" + TID + "/v2.0", "login.microsoftonline.com");
        assertLookalike("https://sts.windovvs.net/" + TID + "/", "sts.windows.net");
        assertLookalike("https://contoso.b2cl0gin.com/" + TID + "/v2.0/", "{tenant}.b2clogin.com");
        assertLookalike("https://microsoftonline-login.example/" + TID + "/v2.0", "login.microsoftonline.com");
    }

    @Test
    void idnAndConfusablesAreLookalikes() {
        // Cyrillic о (U+043E) in "microsоftonline", as written and as punycode
        String cyrillic = "login.micros\u043Eftonline.com";
        assertLookalike("https://" + cyrillic + "/" + TID + "/v2.0", "login.microsoftonline.com");
        String puny = java.net.IDN.toASCII(cyrillic);
        assertTrue(puny.contains("xn--"), puny);
        var l = assertLookalike("https://" + puny + "/" + TID + "/v2.0", "login.microsoftonline.com");
        assertTrue(l.how().contains("mixed scripts"), l.how());
        // Greek ο and fullwidth letters
        assertLookalike("https://login.micr\u03BFsoftonline.com/" + TID + "/v2.0", "login.microsoftonline.com");
        assertLookalike("https://\uFF4C\uFF4F\uFF47\uFF49\uFF4E.microsoftonline.com.evil.example/" + TID + "/v2.0", "login.microsoftonline.com");
    }

    @Test
    void microsoftTenantUnderAnotherHostIsALookalike() {
        var l = assertLookalike("https://issuer.example/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0", "login.microsoftonline.com");
        assertTrue(l.how().contains("72f988bf-86f1-41af-91ab-2d7cd011db47"), l.how());
        assertLookalike("https://issuer.example/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0", "login.microsoftonline.com");
    }

    @Test
    void acceptedIssuersMatchExactlyOrByTenantTemplate() {
        String v2 = "https://login.microsoftonline.com/" + TID + "/v2.0";
        assertTrue(Authorities.accepted(List.of(v2), v2, TID));
        assertFalse(Authorities.accepted(List.of(v2 + "/"), v2, TID));
        assertTrue(Authorities.accepted(List.of("https://login.microsoftonline.com/{tenantid}/v2.0"), v2, TID));
        assertFalse(Authorities.accepted(List.of("https://login.microsoftonline.com/{tenantid}/v2.0"), v2, "not-a-guid"));
        assertFalse(Authorities.accepted(List.of("https://login.microsoftonline.com/{tenantid}/v2.0"), v2,
                "00000000-0000-0000-0000-000000000001"));
        assertFalse(Authorities.accepted(List.of(), v2, TID));
    }

    @Test
    void hostileInputEndsQuickly() {
        String longHost = "https://" + "a".repeat(100_000) + ".example/";
        long t = System.nanoTime();
        assertTrue(Authorities.lookalike(longHost).isEmpty());
        assertTrue(Authorities.lookalike("https://").isEmpty());
        assertTrue(Authorities.lookalike("not a url at all").isEmpty());
        assertTrue(Authorities.lookalike("https://[::1]:99999/x").isEmpty());
        assertTrue((System.nanoTime() - t) / 1_000_000 < 2_000);
    }

    private static Authorities.Lookalike assertLookalike(String iss, String imitated) {
        var l = Authorities.lookalike(iss);
        assertTrue(l.isPresent(), iss + " should be a look-alike");
        assertEquals(imitated, l.get().imitated(), iss + ": " + l.get().how());
        assertFalse(Authorities.isMicrosoftIssuer(iss), iss);
        return l.get();
    }
}
