package dev.tokenscope.ui;

import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.testing.Hars;
import dev.tokenscope.testing.Tokens;
import dev.tokenscope.ui.model.HarListRow;
import dev.tokenscope.ui.model.HarViewModel;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.tokenscope.ui.UiFixtures.await;
import static dev.tokenscope.ui.UiFixtures.fx;
import static dev.tokenscope.ui.UiFixtures.fxGet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HAR list says why, not only that: reason, HTTP status, the profile that judged each token; the failing row first. */
class HarReasonColumnsTest {
    static final String API = "https://api.contoso.example";
    static final String WWW = "Bearer error=\"invalid_token\", error_description=\"The audience 'undefined' is invalid\"";

    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        UiFixtures.startToolkit();
    }

    @Test
    void reasonStatusAndProfileColumnsAndTheRowThatExplainsTheFailureIsChosen() throws Exception {
        Path keys = tmp.resolve("keys.json");
        Files.writeString(keys, Tokens.publicSet(Tokens.RSA).toString());
        ValidationProfile p = new ValidationProfile(List.of(Tokens.API_ID), null, null, null, null, Duration.ofMinutes(5), Tokens.NOW, null,
                keys.toString(), true);
        String api = Tokens.sign(Tokens.v2Access());
        String other = Tokens.sign(Tokens.v2Access().claim("uti", "other").audience("api://someone-else"));
        String har = new Hars()
                .call("2026-03-01T12:00:03.000Z", "GET", API + "/api/orders", "Bearer " + api, 200, null, "{\"orders\":[]}")
                .call("2026-03-01T12:00:04.000Z", "GET", API + "/api/legacy", "Bearer " + other, 200, null, "{}")
                .call("2026-03-01T12:00:05.000Z", "GET", API + "/api/orders?top=5", "Bearer undefined", 401, WWW,
                "{\"error\":\"invalid_token\"}")
                .json();
        Path file = tmp.resolve("capture.har");
        Files.writeString(file, har, StandardCharsets.UTF_8);

        HarViewModel vm = HarViewModelTest.harVm(UiFixtures.plain(), p);
        fx(() -> vm.setProfileName(new SimpleStringProperty("Orders API (prod)")));
        fx(() -> vm.open(file));
        await("checked", () -> !vm.isBusy() && vm.explainingProperty().get() != null);
        List<HarListRow> rows = fxGet(() -> List.copyOf(vm.rows()));
        assertEquals(3, rows.size(), rows.toString());

        HarListRow valid = rows.stream().filter(r -> r.row().finding().token().equals(api)).findFirst().orElseThrow();
        assertEquals("200", valid.http());
        assertEquals("Orders API (prod)", valid.judgedBy());

        HarListRow wrong = rows.stream().filter(r -> r.row().finding().token().equals(other)).findFirst().orElseThrow();
        assertTrue(wrong.reason().startsWith("Token issued for api://someone-else"), wrong.reason());
        assertEquals("Orders API (prod)", wrong.judgedBy());

        // The `Bearer undefined` → 401 explains the capture's failure: it is the row chosen first.
        HarListRow chosen = fxGet(() -> vm.explainingProperty().get());
        assertNotNull(chosen);
        assertEquals("undefined", chosen.row().finding().token());
        assertEquals("401", chosen.http());
        assertTrue(chosen.reason().toLowerCase(java.util.Locale.ROOT).contains("placeholder"), chosen.reason());
        assertEquals("not a token", chosen.judgedBy());
    }
}
