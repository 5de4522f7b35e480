package dev.tokenscope.ui;

import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.engine.har.HarAnalysis;
import dev.tokenscope.engine.har.HarFinding;
import dev.tokenscope.engine.input.Role;
import dev.tokenscope.engine.report.Report;
import dev.tokenscope.engine.report.Step;
import dev.tokenscope.engine.signin.FlowLog;
import dev.tokenscope.engine.text.SafeText;
import dev.tokenscope.testing.Tokens;
import dev.tokenscope.ui.model.Banner;
import dev.tokenscope.ui.model.ClaimRow;
import dev.tokenscope.ui.model.ClaimsViewModel;
import dev.tokenscope.ui.model.FlowLogPresenter;
import dev.tokenscope.ui.model.HarListRow;
import dev.tokenscope.ui.model.StepPresenter;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the GUI shows of a hostile token, capture or server answer: claim and header rows, banner, steps, HAR rows and the
 * flow log show control, bidirectional and invisible characters escaped, and a claim row carries the info note. No screen.
 */
class UntrustedTextPresentersTest {
    static final String HOSTILE = "\u001b]0;pwned\u0007\u001b[2J\u202eevil\u200b";
    static final ValidationProfile API = ValidationProfile.defaults().withAudiences(List.of(Tokens.API_ID));

    static Report hostileReport() {
        String token = Tokens.sign(Tokens.v2Access().audience(Tokens.API_ID + HOSTILE).claim("name", "Alice" + HOSTILE)
                .claim("roles", List.of("Reader", "Admin\u202e")).build(), Tokens.RSA,
                new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.RS256).keyID("kid" + HOSTILE).build());
        return UiFixtures.plain().inspect(token, API);
    }

    static void assertPlain(String shown) {
        assertTrue(SafeText.isPlain(shown), "raw control, bidi or invisible character in: " + shown.replace('\u001b', '~'));
    }

    static void assertPlainLines(String shown) {
        for (String line : shown.split("\n", -1)) assertPlain(line);
    }

    @Test
    void claimRowsShowValuesEscapedWithTheInfoNote() {
        Report r = hostileReport();
        ClaimsViewModel claims = new ClaimsViewModel();
        claims.setClaims(r.token().claimAnnotations());
        for (ClaimRow row : claims.rows()) {
            assertPlain(row.name());
            assertPlain(row.value());
            assertPlain(row.meaning());
            assertPlainLines(row.details());
        }
        ClaimRow name = claims.rows().stream().filter(c -> c.name().equals("name")).findFirst().orElseThrow();
        assertEquals("Alice\\u001b]0;pwned\\u0007\\u001b[2J\\u202eevil\\u200b", name.value());
        assertTrue(name.meaning().contains("info: Contains a terminal control sequence (ESC); contains a right-to-left override"),
                name.meaning());
        assertTrue(name.details().contains("Info: Contains a terminal control sequence (ESC)"), name.details());
        assertTrue(name.warning().contains("invisible characters"), name.warning());
        assertEquals("Alice" + HOSTILE, name.view().value().asText(), "the view keeps the exact value");
        ClaimRow roles = claims.rows().stream().filter(c -> c.name().equals("roles")).findFirst().orElseThrow();
        assertEquals("[Reader, Admin\\u202e]", roles.value());
        assertTrue(roles.warning().startsWith("Contains a right-to-left override"), roles.warning());
        ClaimRow oid = claims.rows().stream().filter(c -> c.name().equals("oid")).findFirst().orElseThrow();
        assertNull(oid.warning(), "plain values carry no note");
        assertTrue(name.matches("pwned"), "the filter still finds the row");

        ClaimsViewModel header = new ClaimsViewModel();
        header.setClaims(r.token().headerAnnotations());
        ClaimRow kid = header.rows().stream().filter(c -> c.name().equals("kid")).findFirst().orElseThrow();
        assertEquals("kid\\u001b]0;pwned\\u0007\\u001b[2J\\u202eevil\\u200b", kid.value());
        assertTrue(kid.meaning().contains("info: "), kid.meaning());
    }

    @Test
    void bannerAndStepsShowTheEnginesTextsEscaped() {
        Report r = hostileReport();
        assertPlain(Banner.of(r).text());
        assertTrue(Banner.of(r).text().contains("\\u202e"), Banner.of(r).text());
        for (Step s : r.steps()) {
            assertPlain(StepPresenter.title(s));
            assertPlain(StepPresenter.detail(s));
            StepPresenter.evidence(s).forEach((k, v) -> {
                assertPlain(k);
                assertPlain(v);
            });
            assertPlainLines(StepPresenter.copyText(s));
        }
        Step permissions = r.step("permissions").orElseThrow();
        assertTrue(StepPresenter.detail(permissions).contains("Admin\\u202e"), StepPresenter.detail(permissions));
    }

    @Test
    void harRowsShowTheCapturesTextsEscaped() {
        Report r = hostileReport();
        HarFinding f = new HarFinding("t", Role.ACCESS_TOKEN, "Authorization header" + HOSTILE, 0, "GET",
                "https://api.contoso.example/" + HOSTILE, "2026-03-01T12:00:00Z" + HOSTILE, 200, 1, 0);
        HarListRow row = HarListRow.of(HarAnalysis.row(1, f, r), ZoneOffset.UTC);
        for (String shown : List.of(row.request(), row.time(), row.where(), row.audience(), row.expires())) assertPlain(shown);
        assertPlainLines(row.details());
        assertEquals("GET https://api.contoso.example/\\u001b]0;pwned\\u0007\\u001b[2J\\u202eevil\\u200b", row.request());
        assertTrue(row.audience().endsWith("\\u202eevil\\u200b"), row.audience());
    }

    @Test
    void flowLogLinesShowTheServersWordsEscaped() {
        FlowLog.Entry e = new FlowLog.Entry("2026-03-01T12:00:00Z", "http", "POST", "https://login.example/token" + HOSTILE,
                Map.of("grant_type" + HOSTILE, "x\ny"), Map.of("X-Evil", HOSTILE), 400, "{\"error_description\":\"" + HOSTILE + "\"}", 3L,
                null,
                "server says " + HOSTILE);
        assertPlain(FlowLogPresenter.title(e));
        for (String d : FlowLogPresenter.details(e)) assertPlain(d);
        assertTrue(FlowLogPresenter.details(e).contains("grant_type\\u001b]0;pwned\\u0007\\u001b[2J\\u202eevil\\u200b = x\\u000ay"),
                FlowLogPresenter.details(e).toString());
        assertPlainLines(FlowLogPresenter.text(e, ZoneOffset.UTC));
        FlowLog.Entry note = new FlowLog.Entry("2026-03-01T12:00:00Z", "note", null, null, null, null, null, null, null, null, HOSTILE);
        assertPlain(FlowLogPresenter.title(note));
    }
}
