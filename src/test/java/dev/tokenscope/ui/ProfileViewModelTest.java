package dev.tokenscope.ui;

import dev.tokenscope.engine.profile.ValidationProfile;
import dev.tokenscope.ui.model.ProfileData;
import dev.tokenscope.ui.model.ProfileStore;
import dev.tokenscope.ui.model.ProfileViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The API profile panel's model: fields → ValidationProfile, named profiles on disk (owner-only, no tokens). */
class ProfileViewModelTest {
    @TempDir
    Path tmp;

    ProfileViewModel vm() {
        return new ProfileViewModel(new ProfileStore(tmp.resolve("config").resolve("tokenscope").resolve("profiles")));
    }

    @Test
    void fieldsMakeTheValidationProfile() {
        ProfileViewModel vm = vm();
        vm.audiencesProperty().set("api://orders, 6e74172b-be56-4843-9ff4-e66a39bb12e3");
        vm.tenantsProperty().set("t1 t2");
        vm.scopesProperty().set("Orders.Read,Orders.Write");
        vm.rolesProperty().set("Admin");
        vm.clientsProperty().set("c1");
        vm.skewSecondsProperty().set("60");
        vm.evaluateAtProperty().set("2026-01-01T10:00:00Z");
        vm.metadataProperty().set("  /tmp/meta.json ");
        vm.offlineProperty().set(true);
        vm.issuersProperty().set("https://issuer.example/, https://login.microsoftonline.com/{tenantid}/v2.0");
        ValidationProfile p = vm.profile();
        assertEquals(List.of("https://issuer.example/", "https://login.microsoftonline.com/{tenantid}/v2.0"), p.issuers());
        assertEquals(List.of("api://orders", "6e74172b-be56-4843-9ff4-e66a39bb12e3"), p.audiences());
        assertEquals(List.of("t1", "t2"), p.tenants());
        assertEquals(List.of("Orders.Read", "Orders.Write"), p.scopes());
        assertEquals(List.of("Admin"), p.roles());
        assertEquals(List.of("c1"), p.clients());
        assertEquals(Duration.ofSeconds(60), p.skew());
        assertEquals(Instant.parse("2026-01-01T10:00:00Z"), p.at());
        assertEquals("/tmp/meta.json", p.metadata());
        assertNull(p.jwks());
        assertTrue(p.offline());
        vm.evaluateAtProperty().set("1767261600");
        assertEquals(Instant.ofEpochSecond(1767261600), vm.profile().at());
        assertEquals("", vm.errorProperty().get());
    }

    @Test
    void invalidFieldsAreReportedAndTheLastValidProfileStays() {
        ProfileViewModel vm = vm();
        List<ValidationProfile> changes = new ArrayList<>();
        vm.profileProperty().addListener((o, a, b) -> changes.add(b));
        vm.audiencesProperty().set("api://a");
        vm.skewSecondsProperty().set("five");
        assertTrue(vm.errorProperty().get().startsWith("Clock skew"), vm.errorProperty().get());
        assertEquals(List.of("api://a"), vm.profile().audiences());
        vm.skewSecondsProperty().set("-3");
        assertTrue(vm.errorProperty().get().startsWith("Clock skew"));
        vm.skewSecondsProperty().set("");
        assertEquals("", vm.errorProperty().get());
        assertEquals(ValidationProfile.DEFAULT_SKEW, vm.profile().skew());
        vm.evaluateAtProperty().set("yesterday");
        assertTrue(vm.errorProperty().get().startsWith("Evaluate at"));
        vm.evaluateAtProperty().set("");
        // "api://a" is the only change: an emptied skew means the default, the same profile as before.
        assertEquals(1, changes.size(), "one change per valid edit that changes the profile: " + changes);
    }

    @Test
    void applyingAProfileIsOneChange() {
        ProfileViewModel vm = vm();
        List<ValidationProfile> changes = new ArrayList<>();
        vm.profileProperty().addListener((o, a, b) -> changes.add(b));
        vm.apply(new ProfileData("x", List.of("a1"), List.of("t"), List.of("c"), List.of("s"), List.of("r"), 10, null, null, null, true));
        assertEquals(1, changes.size());
        assertEquals("x", vm.nameProperty().get());
        assertEquals("a1", vm.audiencesProperty().get());
    }

    @Test
    void savedProfilesAreOwnerOnlyJsonWithoutTokensAndCanBeSwitched() throws Exception {
        ProfileViewModel vm = vm();
        vm.audiencesProperty().set("api://orders");
        vm.scopesProperty().set("Orders.Read");
        vm.offlineProperty().set(true);
        vm.issuersProperty().set("https://issuer.example/");
        assertTrue(vm.saveAs("Orders API (prod)"), vm.statusProperty().get());
        Path dir = vm.store().dir();
        Path file = dir.resolve("Orders+API+%28prod%29.json");
        assertTrue(Files.isRegularFile(file), "saved as " + file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        String json = Files.readString(file);
        assertTrue(json.contains("\"audiences\" : [ \"api://orders\" ]"), json);
        assertFalse(json.contains("eyJ"), "never a token");
        assertTrue(vm.savedNames().contains("Orders API (prod)"));

        vm.select(ProfileViewModel.UNSAVED);
        assertEquals("", vm.audiencesProperty().get());
        assertEquals(List.of(), vm.profile().audiences());
        vm.selectedProperty().set("Orders API (prod)");
        assertEquals("api://orders", vm.audiencesProperty().get());
        assertEquals(List.of("Orders.Read"), vm.profile().scopes());
        assertTrue(vm.profile().offline());
        assertEquals(List.of("https://issuer.example/"), vm.profile().issuers(), "trusted issuers are saved with the profile");

        ProfileViewModel again = vm();
        assertTrue(again.savedNames().contains("Orders API (prod)"), "a new window finds saved profiles");

        assertTrue(vm.deleteCurrent());
        assertFalse(Files.exists(file));
        assertFalse(vm.savedNames().contains("Orders API (prod)"));
        assertEquals(ProfileViewModel.UNSAVED, vm.nameProperty().get());
    }

    @Test
    void namesThatCouldEscapeTheDirectoryStayInside() throws Exception {
        ProfileViewModel vm = vm();
        assertTrue(vm.saveAs("../../etc/passwd"));
        try (var files = Files.list(vm.store().dir())) {
            assertEquals(1, files.count());
        }
        assertTrue(vm.store().names().contains("../../etc/passwd"));
        assertFalse(vm.saveAs("  "));
        assertTrue(vm.statusProperty().get().startsWith("Not saved"));
        assertFalse(vm.saveAs(ProfileViewModel.UNSAVED));
    }

    @Test
    void savingIsRefusedWhileAFieldIsInvalid() {
        ProfileViewModel vm = vm();
        vm.skewSecondsProperty().set("abc");
        assertFalse(vm.saveAs("x"));
        assertTrue(vm.statusProperty().get().contains("Clock skew"));
    }

    @Test
    void profileFilesToleratesUnknownAndMissingMembers() throws Exception {
        ProfileData p = ProfileData.fromJson("{\"name\":\"n\",\"audiences\":\"a, b\",\"future\":{\"x\":1}}", "fallback");
        assertEquals(List.of("a", "b"), p.audiences());
        assertEquals(300, p.skewSeconds());
        assertFalse(p.offline());
        ProfileData back = ProfileData.fromJson(p.toJson(), "z");
        assertEquals(p, back);
    }

    @Test
    void aBrokenProfileFileIsAMessage() throws Exception {
        ProfileViewModel vm = vm();
        Files.createDirectories(vm.store().dir());
        Files.writeString(vm.store().dir().resolve("broken.json"), "{not json");
        vm.refreshNames();
        assertTrue(vm.savedNames().contains("broken"));
        vm.select("broken");
        assertTrue(vm.statusProperty().get().startsWith("Could not load profile \"broken\""), vm.statusProperty().get());
    }
}
