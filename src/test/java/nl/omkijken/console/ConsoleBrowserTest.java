package nl.omkijken.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import nl.omkijken.testing.Http;
import nl.omkijken.testing.RunningService;
import nl.omkijken.testing.TestWorkers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The staff console in a real headless Chromium against the whole service and a real redis-server: a
 * resident writes in the sandbox and asks for a person; a volunteer signs in, sees the conversation
 * appear without reloading, takes it over and replies; the resident gets the reply; the volunteer hands
 * back and the bot goes on. A crisis elsewhere goes to the top of the list, in red. Screenshots go to
 * target/screenshots/.
 */
class ConsoleBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String PASSWORD = "zonnebloem kapstok rivier 7";

    private static RunningService service;
    private static WebDriver driver;
    private static WebDriverWait wait;
    private static Http http;

    @BeforeAll
    static void start(@TempDir Path data, @TempDir Path profile) throws Exception {
        // Workers sign out between the tests: their conversations stay theirs for the whole run.
        service = RunningService.start(data, java.util.Map.of("CONSOLE_RETURN_AFTER", "PT1H",
                "OPENING_HOURS", Path.of("dialogs", "hours.yaml").toString()));
        http = new Http(service.base());
        TestWorkers.add(service.redisUrl(), "Vera de Wit", nl.omkijken.console.Role.VOLUNTEER, Set.of("luisterlijn"), PASSWORD);
        TestWorkers.add(service.redisUrl(), "Anna Beheer", nl.omkijken.console.Role.ADMIN, Set.of(), PASSWORD);
        driver = nl.omkijken.testing.HeadlessChromium.start(profile);
        wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (driver != null) driver.quit();
        if (service != null) service.close();
    }

    private static void resident(String name, String line, String text) {
        var r = http.postJson("/sandbox/api/conversations/" + name + "/messages",
                new JsonObject().put("text", text).put("line", line).encode());
        assertEquals(200, r.statusCode(), r.body());
    }

    /** What the resident's sandbox chat shows (their messages and every reply), newest last. */
    private static List<String> residentSees(String name) {
        JsonArray all = new JsonArray(http.get("/sandbox/api/conversations/" + name + "/messages").body());
        return all.stream().map(o -> ((JsonObject) o).getString("text")).toList();
    }

    private static String lastSeen(String name) {
        List<String> all = residentSees(name);
        return all.isEmpty() ? "" : all.get(all.size() - 1);
    }

    private static List<WebElement> waiting() {
        return driver.findElements(By.cssSelector("#waiting .item"));
    }

    private static void signIn(String name) {
        driver.get(service.base() + "/console/");
        wait.until(d -> d.findElement(By.id("sign-in-view")).isDisplayed());
        driver.findElement(By.id("name")).sendKeys(name);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        wait.until(d -> d.findElement(By.id("work-view")).isDisplayed());
    }

    private static void signOut() {
        driver.findElement(By.id("sign-out")).click();
        wait.until(d -> d.findElement(By.id("sign-in-view")).isDisplayed());
    }

    /** An admin adds a volunteer and a canned reply in the console; the volunteer uses it. */
    @Test
    void anAdminAddsAWorkerAndACannedReplyThatTheWorkerUses() throws Exception {
        signIn("Anna Beheer");
        driver.findElement(By.cssSelector(".nav__item[data-view=workers-view]")).click();
        wait.until(d -> d.findElement(By.id("worker-form")).isDisplayed());
        driver.findElement(By.id("worker-name")).sendKeys("Bram Bakker");
        new Select(driver.findElement(By.id("worker-role"))).selectByValue("volunteer");
        driver.findElement(By.cssSelector("#worker-lines input[value=luisterlijn]")).click();
        driver.findElement(By.id("worker-password")).sendKeys("wachtwoord123");
        driver.findElement(By.id("worker-password2")).sendKeys("wachtwoord123");
        driver.findElement(By.cssSelector("#worker-form button[type=submit]")).click();
        // The reason stands beside the password field.
        wait.until(d -> d.findElement(By.id("worker-password-error")).isDisplayed());
        assertTrue(driver.findElement(By.id("worker-password-error")).getText().contains("veelgebruikte"),
                driver.findElement(By.id("worker-password-error")).getText());
        driver.findElement(By.id("worker-password")).clear();
        driver.findElement(By.id("worker-password2")).clear();
        driver.findElement(By.id("worker-password")).sendKeys("tulp molen kaas 1961");
        driver.findElement(By.id("worker-password2")).sendKeys("tulp molen kaas 1961");
        driver.findElement(By.cssSelector("#worker-form button[type=submit]")).click();
        wait.until(d -> d.findElement(By.id("worker-done")).isDisplayed());
        wait.until(d -> d.findElement(By.id("workers-list")).getText().contains("Bram Bakker"));

        // Bram also answers in English and takes two conversations at once; a wrong number is said beside its field.
        driver.findElement(By.cssSelector("button[aria-label='Wijzig Bram Bakker']")).click();
        wait.until(d -> d.findElement(By.id("worker-form-title")).getText().contains("Bram Bakker"));
        assertFalse(driver.findElement(By.id("worker-password-box")).isDisplayed(), "a change keeps the password");
        driver.findElement(By.id("worker-capacity")).clear();
        driver.findElement(By.id("worker-capacity")).sendKeys("0");
        driver.findElement(By.cssSelector("#worker-languages input[value=en]")).click();
        driver.findElement(By.cssSelector("#worker-form button[type=submit]")).click();
        wait.until(d -> d.findElement(By.id("worker-capacity-error")).isDisplayed());
        assertTrue(driver.findElement(By.id("worker-capacity-error")).getText().contains("1 tot 10"));
        shootElement("console-worker-field-error.png", driver.findElement(By.id("worker-form")));
        driver.findElement(By.id("worker-capacity")).clear();
        driver.findElement(By.id("worker-capacity")).sendKeys("2");
        driver.findElement(By.cssSelector("#worker-lines input[value='helpdesk:centrum']")).click();
        driver.findElement(By.cssSelector("#worker-form button[type=submit]")).click();
        wait.until(d -> d.findElement(By.id("worker-done")).getText().contains("Bram Bakker"));
        wait.until(d -> d.findElement(By.id("workers-list")).getText().contains("Helpdesk · Centrum"));
        String row = driver.findElements(By.cssSelector("#workers-list tr")).stream().map(WebElement::getText)
                .filter(t -> t.contains("Bram Bakker")).findFirst().orElseThrow();
        assertTrue(row.contains("Engels") && row.contains("2"), row);
        shoot("console-workers.png");

        // The roster: Bram's shift tomorrow morning, and one that does not fit is named beside its field.
        driver.findElement(By.cssSelector(".nav__item[data-view=roster-view]")).click();
        wait.until(d -> d.findElement(By.id("shift-form")).isDisplayed());
        String tomorrow = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Amsterdam")).plusDays(1).toString();
        new Select(driver.findElement(By.id("shift-line"))).selectByValue("luisterlijn");
        wait.until(d -> new Select(d.findElement(By.id("shift-worker"))).getOptions().stream().anyMatch(o -> o.getText().equals("Bram Bakker")));
        new Select(driver.findElement(By.id("shift-worker"))).selectByVisibleText("Bram Bakker");
        ((JavascriptExecutor) driver).executeScript("document.getElementById('shift-date').value = arguments[0];", tomorrow);
        driver.findElement(By.id("shift-from")).sendKeys("09:00");
        driver.findElement(By.id("shift-to")).sendKeys("13:00");
        driver.findElement(By.cssSelector("#shift-form button[type=submit]")).click();
        wait.until(d -> d.findElement(By.id("shift-done")).isDisplayed());
        wait.until(d -> d.findElement(By.id("roster")).getText().contains("09:00–13:00"));
        driver.findElement(By.id("shift-from")).clear();
        driver.findElement(By.id("shift-to")).clear();
        driver.findElement(By.id("shift-from")).sendKeys("12:00");
        driver.findElement(By.id("shift-to")).sendKeys("15:00");
        driver.findElement(By.cssSelector("#shift-form button[type=submit]")).click();
        wait.until(d -> d.findElement(By.id("shift-from-error")).isDisplayed());
        assertTrue(driver.findElement(By.id("shift-from-error")).getText().contains("al een dienst"));
        shoot("console-roster.png");

        driver.findElement(By.cssSelector(".nav__item[data-view=hours-view]")).click();
        wait.until(d -> d.findElement(By.id("hours-preview")).getText().contains("Luisterlijn"));
        // The form: a wrong time is named beside its field; then a closed day added as an exception.
        By monday = By.cssSelector("#hours-grid [data-field='luisterlijn.weekly.monday']");
        wait.until(d -> d.findElement(monday).isDisplayed());
        assertEquals("09:00-21:00", driver.findElement(monday).getAttribute("value"));
        driver.findElement(monday).clear();
        driver.findElement(monday).sendKeys("9 tot 5");
        driver.findElement(By.id("hours-grid-save")).click();
        wait.until(d -> "true".equals(d.findElement(monday).getAttribute("aria-invalid")));
        String mondayError = driver.findElement(By.id(driver.findElement(monday).getAttribute("aria-describedby"))).getText();
        assertTrue(mondayError.contains("Schrijf tijden als 09:00-17:00"), mondayError);
        driver.findElement(monday).clear();
        driver.findElement(monday).sendKeys("09:00-21:00");
        WebElement luisterlijn = driver.findElement(By.xpath("//fieldset[legend[text()='Luisterlijn']]"));
        luisterlijn.findElement(By.xpath(".//button[text()='Uitzondering toevoegen']")).click();
        By added = By.cssSelector("#hours-grid [data-field='luisterlijn.exceptions.2.date']");
        wait.until(d -> d.findElement(added).isDisplayed());
        java.time.LocalDate closedDay = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Amsterdam")).plusDays(3);
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]",
                driver.findElement(added), closedDay.toString());
        driver.findElement(By.id("hours-grid-save")).click();
        wait.until(d -> d.findElement(By.id("hours-grid-done")).isDisplayed());
        String dayLabel = closedDay.format(java.time.format.DateTimeFormatter.ofPattern("EEEE d MMMM", java.util.Locale.forLanguageTag("nl")));
        WebElement previewRow = driver.findElement(By.xpath("//div[@id='hours-preview']//section[h4[text()='Luisterlijn']]//tr[td[1][text()='"
                + dayLabel + "']]"));
        assertTrue(previewRow.getText().contains("gesloten"), previewRow.getText());
        shootElement("console-hours-form.png", driver.findElement(By.xpath("//fieldset[legend[text()='Luisterlijn']]")));
        // On a phone: the form fits the width (nothing to scroll sideways).
        driver.manage().window().setSize(new Dimension(390, 844));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()",
                driver.findElement(By.xpath("//fieldset[legend[text()='Luisterlijn']]")));
        Object overflow = ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertEquals(0L, ((Number) overflow).longValue(), "the hours form scrolls sideways at 390 px");
        File phoneShot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(phoneShot.toPath(), SCREENSHOTS.resolve("console-hours-form-phone.png"), StandardCopyOption.REPLACE_EXISTING);
        driver.manage().window().setSize(new Dimension(1280, 900));
        // The same hours as text, for what the form does not show.
        driver.findElement(By.cssSelector("#hours-text summary")).click();
        assertTrue(driver.findElement(By.id("hours-yaml")).getAttribute("value").contains(closedDay + ": closed"));
        assertTrue(driver.findElement(By.id("hours-yaml")).getAttribute("value").contains("winterlijn"));
        driver.findElement(By.id("hours-yaml")).clear();
        driver.findElement(By.id("hours-yaml")).sendKeys("luisterlijn:\n  weekly:\n    monday: \"9 tot 5\"\n");
        driver.findElement(By.cssSelector("#hours-form button[type=submit]")).click();
        wait.until(d -> d.findElement(By.id("hours-problems")).isDisplayed());
        assertTrue(driver.findElement(By.id("hours-problems")).getText().contains("9 tot 5")
                        && driver.findElement(By.id("hours-problems")).getText().contains("is geen tijd van-tot"),
                driver.findElement(By.id("hours-problems")).getText());
        shoot("console-hours.png");

        // The figures: fourteen days of the Luisterlijn, and the CSV to take along. Two residents asked what we do not do.
        resident("figures-taal", "luisterlijn", "ik wil graag nederlands leren, waar kan dat?");
        resident("figures-schulden", "luisterlijn", "waar kan ik terecht voor hulp bij schulden?");
        driver.findElement(By.cssSelector(".nav__item[data-view=figures-view]")).click();
        wait.until(d -> d.findElements(By.cssSelector("#figures-list tr")).size() == 14);
        new Select(driver.findElement(By.id("figures-line"))).selectByValue("luisterlijn");
        wait.until(d -> d.findElement(By.id("figures-csv")).getAttribute("href").contains("/console/api/figures.csv?days=30&line=luisterlijn"));
        wait.until(d -> d.findElements(By.cssSelector("#figures-list tr")).size() == 14);
        shoot("console-figures.png");
        // What we do not do ourselves, most asked first (counted right after each turn: looked at again until there).
        wait.until(d -> {
            if (d.findElements(By.cssSelector("#referrals-list tr")).size() >= 2) return true;
            d.findElement(By.cssSelector(".nav__item[data-view=hours-view]")).click();
            d.findElement(By.cssSelector(".nav__item[data-view=figures-view]")).click();
            return false;
        });
        String referred = driver.findElement(By.id("referrals-list")).getText();
        assertTrue(referred.contains("taal") && referred.contains("schulden"), referred);
        shootElement("console-figures-referrals.png", driver.findElement(By.id("referral-figures")));
        // With the keyboard alone: from the navigation to another page and back to the figures, by Enter.
        driver.findElement(By.cssSelector(".nav__item[data-view=hours-view]")).sendKeys(org.openqa.selenium.Keys.ENTER);
        wait.until(d -> d.findElement(By.id("hours-view")).isDisplayed());
        driver.findElement(By.cssSelector(".nav__item[data-view=figures-view]")).sendKeys(org.openqa.selenium.Keys.ENTER);
        wait.until(d -> d.findElement(By.id("referral-figures")).isDisplayed()
                && d.findElement(By.id("referrals-list")).getText().contains("taal"));
        // On a phone: the referrals fit 390 px (nothing to scroll sideways in their section).
        driver.manage().window().setSize(new Dimension(390, 844));
        WebElement referrals = driver.findElement(By.id("referral-figures"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", referrals);
        Object sideways = ((JavascriptExecutor) driver).executeScript("return arguments[0].scrollWidth - arguments[0].clientWidth;", referrals);
        assertEquals(0L, ((Number) sideways).longValue(), "the referrals scroll sideways at 390 px");
        Files.copy(referrals.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve("console-figures-referrals-phone.png"),
                StandardCopyOption.REPLACE_EXISTING);
        driver.manage().window().setSize(new Dimension(1280, 900));

        // The Telefooncirkel's participants: a number as people write it; a wrong one named beside its field.
        driver.findElement(By.cssSelector(".nav__item[data-view=participants-view]")).click();
        wait.until(d -> d.findElement(By.id("participant-form")).isDisplayed());
        wait.until(d -> d.findElement(By.id("participants-list")).getText().contains("Nog niemand ingeschreven."));
        driver.findElement(By.id("participant-name")).sendKeys("Annie de Vries");
        driver.findElement(By.id("participant-phone")).sendKeys("06 1234");
        driver.findElement(By.id("participant-from")).sendKeys("09:30");
        driver.findElement(By.id("participant-until")).sendKeys("10:30");
        driver.findElement(By.id("participant-contact-name")).sendKeys("Joke (dochter)");
        driver.findElement(By.id("participant-contact-phone")).sendKeys("020 123 4567");
        driver.findElement(By.id("participant-circle")).sendKeys("Heemstede ochtend");
        driver.findElement(By.id("participant-submit")).click();
        wait.until(d -> d.findElement(By.id("participant-phone-error")).isDisplayed());
        assertTrue(driver.findElement(By.id("participant-phone-error")).getText().contains("bestaat niet"),
                driver.findElement(By.id("participant-phone-error")).getText());
        driver.findElement(By.id("participant-phone")).clear();
        driver.findElement(By.id("participant-phone")).sendKeys("06 12345678");
        driver.findElement(By.id("participant-submit")).click();
        wait.until(d -> d.findElement(By.id("participant-done")).isDisplayed());
        wait.until(d -> d.findElement(By.id("participants-list")).getText().contains("+31 6 12345678"));
        assertTrue(driver.findElement(By.id("participants-list")).getText().contains("contact: Joke (dochter)"),
                driver.findElement(By.id("participants-list")).getText());
        shootAt("console-participants.png", new Dimension(1280, 1900));

        // A second in the same circle, and the circle made a chain: Bert calls Annie, each checks in by a deadline.
        driver.findElement(By.id("participant-name")).sendKeys("Bert Jansen");
        driver.findElement(By.id("participant-phone")).sendKeys("06 23456789");
        driver.findElement(By.id("participant-from")).sendKeys("09:30");
        driver.findElement(By.id("participant-until")).sendKeys("10:30");
        driver.findElement(By.id("participant-circle")).sendKeys("Heemstede ochtend");
        driver.findElement(By.id("participant-submit")).click();
        wait.until(d -> d.findElement(By.id("participants-list")).getText().contains("Bert Jansen"));
        wait.until(d -> d.findElements(By.cssSelector("#chain-add option")).size() == 2);
        driver.findElement(By.id("chain-start")).sendKeys("09:30");
        driver.findElement(By.id("chain-add-button")).click();
        driver.findElement(By.id("chain-add-button")).click();
        wait.until(d -> d.findElements(By.cssSelector("#chain-members li")).size() == 2);
        assertTrue(driver.findElement(By.id("chain-add-button")).getAttribute("disabled") != null, "everyone of the circle is in it");
        driver.findElement(By.cssSelector("#chain-members li:nth-child(2) button[aria-label='Bert Jansen eerder']")).click();
        wait.until(d -> d.findElement(By.cssSelector("#chain-members li:first-child")).getText().startsWith("1. Bert Jansen"));
        driver.findElement(By.cssSelector("#chain-form button[type=submit]")).click();
        wait.until(d -> d.findElement(By.id("chain-done")).getText().equals("Keten Heemstede ochtend opgeslagen."));
        wait.until(d -> d.findElement(By.id("chains-list")).getText().contains("Bert Jansen, meldt zich vóór 09:50\nAnnie de Vries"));
        assertTrue(driver.findElement(By.id("chains-list")).getText().contains("Annie de Vries, meldt zich vóór 09:50"),
                driver.findElement(By.id("chains-list")).getText());
        driver.manage().window().setSize(new Dimension(1280, 1400));
        ((JavascriptExecutor) driver).executeScript("document.getElementById('chains').scrollIntoView();");
        Files.copy(((ChromeDriver) driver).getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve("console-chain.png"),
                StandardCopyOption.REPLACE_EXISTING);
        driver.manage().window().setSize(new Dimension(390, 844));
        Object participantsOverflow = ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        Object wide = ((JavascriptExecutor) driver).executeScript(
                "var w = document.documentElement.clientWidth; var out = [];"
                + " document.querySelectorAll('#participants-view *').forEach(function (n) { var r = n.getBoundingClientRect();"
                + " if (r.right > w + 1 && out.length < 6) out.push(n.tagName + '#' + n.id + '.' + n.className + ' ' + Math.round(r.right)); });"
                + " return out.join('; ');");
        assertEquals(0L, ((Number) participantsOverflow).longValue(), "the participants page scrolls sideways at 390 px: " + wide);
        driver.manage().window().setSize(new Dimension(1280, 900));

        driver.findElement(By.cssSelector(".nav__item[data-view=canned-view]")).click();
        wait.until(d -> d.findElement(By.id("canned-form")).isDisplayed());
        new Select(driver.findElement(By.id("canned-line"))).selectByValue("luisterlijn");
        driver.findElement(By.id("canned-title")).sendKeys("Even voorstellen");
        driver.findElement(By.id("canned-nl")).sendKeys("Hoi, ik ben een vrijwilliger van de Luisterlijn. Ik lees je bericht.");
        driver.findElement(By.id("canned-en")).sendKeys("Hi, I am a volunteer of the Luisterlijn. I am reading your message.");
        driver.findElement(By.cssSelector("#canned-form button[type=submit]")).click();
        wait.until(d -> d.findElement(By.id("canned-list")).getText().contains("Even voorstellen"));
        signOut();

        driver.get(service.base() + "/console/");
        wait.until(d -> d.findElement(By.id("sign-in-view")).isDisplayed());
        driver.findElement(By.id("name")).sendKeys("Bram Bakker");
        driver.findElement(By.id("password")).sendKeys("tulp molen kaas 1961");
        driver.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        wait.until(d -> d.findElement(By.id("work-view")).isDisplayed());
        assertFalse(driver.findElement(By.cssSelector(".nav__item[data-view=workers-view]")).isDisplayed(),
                "a volunteer has no workers page");
        resident("joop-11", "luisterlijn", "hoi");
        resident("joop-11", "luisterlijn", "kan ik met iemand praten");
        wait.until(d -> d.findElements(By.cssSelector("#waiting .item")).stream().anyMatch(e -> e.getText().contains("··11")));
        // "Next conversation" takes the one that waited longest in Bram's queues and opens it.
        driver.findElement(By.id("next")).click();
        wait.until(d -> d.findElement(By.id("reply-form")).isDisplayed());
        wait.until(d -> d.findElement(By.id("load")).getText().contains("1 van 2"));
        assertTrue(driver.findElement(By.id("conv-title")).getText().contains("··11")
                || driver.findElement(By.id("gesprek")).getText().contains("··11"), driver.findElement(By.id("gesprek")).getText());
        wait.until(d -> d.findElement(By.id("canned")).isDisplayed());
        new Select(driver.findElement(By.id("canned"))).selectByVisibleText("Even voorstellen");
        assertEquals("Hoi, ik ben een vrijwilliger van de Luisterlijn. Ik lees je bericht.",
                driver.findElement(By.id("reply")).getAttribute("value"));
        driver.findElement(By.cssSelector("#reply-form button[type=submit]")).click();
        wait.until(d -> lastSeen("joop-11").equals("Hoi, ik ben een vrijwilliger van de Luisterlijn. Ik lees je bericht."));
        driver.findElement(By.id("note")).sendKeys("Joop woont alleen sinds maart.");
        driver.findElement(By.cssSelector("#note-form button[type=submit]")).click();
        wait.until(d -> d.findElement(By.cssSelector("#transcript .line--note")).getText().contains("Joop woont alleen sinds maart."));
        assertFalse(residentSees("joop-11").contains("Joop woont alleen sinds maart."), "the person never sees a note");
        wait.until(d -> d.findElement(By.id("transcript")).getText().contains("verstuurd"));
        signOut();
    }

    @Test
    void aVolunteerTakesOverRepliesAndHandsBack() throws Exception {
        driver.get(service.base() + "/console/");
        wait.until(d -> d.findElement(By.id("sign-in-view")).isDisplayed());
        driver.findElement(By.id("name")).sendKeys("Vera de Wit");
        driver.findElement(By.id("password")).sendKeys("niet goed genoeg!!");
        driver.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        wait.until(d -> d.findElement(By.id("sign-in-error")).isDisplayed());
        assertEquals("Naam of wachtwoord klopt niet.", driver.findElement(By.id("sign-in-error")).getText());
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        wait.until(d -> d.findElement(By.id("work-view")).isDisplayed());
        assertEquals("Vera de Wit", driver.findElement(By.id("who-name")).getText());
        wait.until(d -> "live".equals(d.findElement(By.id("live")).getText()));
        assertTrue(driver.findElement(By.id("waiting-empty")).isDisplayed());

        // A resident asks for a person: the conversation appears without a reload.
        resident("marja-56", "luisterlijn", "hoi");
        resident("marja-56", "luisterlijn", "ik wil graag met iemand praten");
        resident("marja-56", "luisterlijn", "<b>vet</b><script>window.hacked=1</script>");
        wait.until(d -> waiting().size() == 1);
        WebElement item = waiting().get(0);
        assertTrue(item.getText().contains("··56"), item.getText());
        assertFalse(item.getText().contains("marja"), "a volunteer sees no address");

        // A crisis in another conversation goes to the top, in red.
        resident("kees-78", "luisterlijn", "hallo");
        resident("kees-78", "luisterlijn", "ik wil niet meer leven");
        wait.until(d -> waiting().size() == 2);
        WebElement first = waiting().get(0);
        assertTrue(first.getAttribute("class").contains("item--urgent"), first.getAttribute("class"));
        assertTrue(first.getText().toUpperCase().contains("CRISIS"), first.getText());
        assertTrue(first.getText().contains("··78"));
        shoot("console-inbox.png");

        // Take Marja's conversation over and reply.
        waiting().get(1).findElement(By.tagName("button")).click();
        wait.until(d -> d.findElement(By.id("take")).isDisplayed());
        String transcript = driver.findElement(By.id("transcript")).getText();
        assertTrue(transcript.contains("<b>vet</b><script>window.hacked=1</script>"), "the message shows as text: " + transcript);
        assertEquals(null, ((JavascriptExecutor) driver).executeScript("return window.hacked === undefined ? null : window.hacked;"));
        driver.findElement(By.id("take")).click();
        wait.until(d -> d.findElement(By.id("reply-form")).isDisplayed());
        wait.until(d -> d.findElement(By.id("transcript")).getText().contains("Vera de Wit nam het gesprek over."));
        WebElement reply = driver.findElement(By.id("reply"));
        reply.sendKeys("Hoi Marja, ik ben Vera, vrijwilliger. Fijn dat je schrijft. Hoe gaat het vandaag met je?");
        driver.findElement(By.cssSelector("#reply-form button[type=submit]")).click();
        wait.until(d -> residentSees("marja-56").contains("Hoi Marja, ik ben Vera, vrijwilliger. Fijn dat je schrijft. Hoe gaat het vandaag met je?"));
        wait.until(d -> d.findElements(By.cssSelector("#mine .item")).size() == 1);

        // The resident answers: it shows in the console live; the bot stays silent.
        resident("marja-56", "luisterlijn", "Het gaat wel, een beetje alleen.");
        wait.until(d -> d.findElement(By.id("transcript")).getText().contains("Het gaat wel, een beetje alleen."));
        List<String> seen = residentSees("marja-56");
        assertEquals("Het gaat wel, een beetje alleen.", seen.get(seen.size() - 1), "no bot reply while Vera has it");
        shoot("console-conversation.png");
        // On a tablet, and at 200% zoom (half the width in CSS pixels): everything fits, nothing scrolls sideways.
        for (Dimension size : List.of(new Dimension(768, 1024), new Dimension(640, 450), new Dimension(390, 844))) {
            driver.manage().window().setSize(size);
            wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                    "return document.documentElement.scrollWidth <= window.innerWidth + 1;"));
            assertTrue(driver.findElement(By.id("reply")).isDisplayed());
        }
        shootAt("console-tablet.png", new Dimension(768, 1024));
        // A phone, 390 px wide: the conversation below the inbox.
        driver.manage().window().setSize(new Dimension(390, 844));
        ((JavascriptExecutor) driver).executeScript("document.getElementById('gesprek').scrollIntoView();");
        Files.copy(((ChromeDriver) driver).getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve("console-phone.png"),
                StandardCopyOption.REPLACE_EXISTING);

        // Hand back: the bot goes on at the line's menu.
        driver.findElement(By.id("hand-back")).click();
        wait.until(d -> lastSeen("marja-56").startsWith("Wat wil je het liefst?"));
        wait.until(d -> d.findElement(By.id("transcript")).getText().contains("Vera de Wit gaf het gesprek terug aan de bot."));
        wait.until(d -> d.findElements(By.cssSelector("#mine .item")).isEmpty());
        resident("marja-56", "luisterlijn", "2");
        List<String> after = residentSees("marja-56");
        assertTrue(after.get(after.size() - 1).length() > 0 && !after.get(after.size() - 1).equals("2"), "the bot answers again: " + after);

        // The close control lists the closed set of outcomes in Dutch. The inbox re-renders on every live event
        // (the resident's "2" just made one): the item is looked up again until the click lands.
        wait.until(d -> {
            try {
                waiting().get(0).findElement(By.tagName("button")).click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return false;
            }
        });
        wait.until(d -> d.findElement(By.id("take")).isDisplayed());
        driver.findElement(By.id("take")).click();
        wait.until(d -> d.findElement(By.id("reply-form")).isDisplayed());
        new Select(driver.findElement(By.id("close-outcome"))).selectByVisibleText("Crisis");
        driver.findElement(By.id("close")).click();
        wait.until(d -> d.findElement(By.id("conv-state")).getText().contains("Afgesloten: Crisis"));

        // A call-back comes due: the volunteer is reminded (the reminder round runs every 15 s) and opens it from there.
        for (String t : List.of("hoi", "2", "Ria", "06 12345634", "maakt niet uit")) resident("ria-34", "luisterlijn", t);
        new WebDriverWait(driver, Duration.ofSeconds(40)).until(d -> d.findElement(By.id("remind-box")).isDisplayed());
        assertEquals("Terugbellen: nu aan de beurt", driver.findElement(By.id("remind-title")).getText());
        assertTrue(driver.findElement(By.id("remind-what")).getText().contains("··34"), driver.findElement(By.id("remind-what")).getText());
        shootElement("console-reminder.png", driver.findElement(By.id("remind-box")));
        driver.findElement(By.id("remind-open")).click();
        wait.until(d -> !d.findElement(By.id("remind-box")).isDisplayed() && d.findElement(By.id("take")).isDisplayed());

        // English too: the switch is kept in this browser.
        driver.findElement(By.id("language")).click();
        wait.until(d -> "en".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
        wait.until(d -> d.findElement(By.id("waiting-title")).getText().startsWith("Waiting for a worker"));
        assertEquals("Sign out", driver.findElement(By.id("sign-out")).getText());
        driver.findElement(By.id("language")).click();
        wait.until(d -> "nl".equals(d.findElement(By.tagName("html")).getAttribute("lang")));

        driver.findElement(By.id("sign-out")).click();
        wait.until(d -> d.findElement(By.id("sign-in-view")).isDisplayed());
        assertEquals(401, http.get("/console/api/inbox").statusCode());
    }

    private static void shoot(String file) throws IOException {
        shootAt(file, new Dimension(1280, 900));
    }

    /** A screenshot of one part of the page (a form below the fold), at the desktop size. */
    private static void shootElement(String file, WebElement element) throws IOException {
        driver.manage().window().setSize(new Dimension(1280, 900));
        File shot = element.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void shootAt(String file, Dimension size) throws IOException {
        driver.manage().window().setSize(size);
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0);");
        File shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
}
