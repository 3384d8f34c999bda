package nl.omkijken.channels.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Telefooncirkel's daily call ringing in the sandbox page, in a real headless Chromium: a tester sees the call
 * come in, picks it up and answers with the keypad, or lets it go unanswered and sees the next try come. The
 * service's parts on a fake clock ({@link SandboxPhoneRig}); the page polls the simulator's API as in the service.
 */
class SandboxPhoneBrowserTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** Monday 7 December 2026, 09:40 in Amsterdam: inside Annie's window. */
    private static final Instant MONDAY = Instant.parse("2026-12-07T08:40:00Z");

    private SandboxPhoneRig rig;
    private WebDriver driver;
    private WebDriverWait wait;

    @BeforeEach
    void start(@TempDir Path profile) throws Exception {
        // Rings long enough for a person: a call left alone in a test is missed by a button, not by the clock.
        rig = SandboxPhoneRig.start(MONDAY, Duration.ofMinutes(5));
        driver = nl.omkijken.testing.HeadlessChromium.start(profile);
        driver.manage().window().setSize(new Dimension(1280, 1000));
        wait = new WebDriverWait(driver, TIMEOUT);
        wait.ignoring(StaleElementReferenceException.class);
        Files.createDirectories(SCREENSHOTS);
        driver.get(rig.base() + "/sandbox/");
        ((JavascriptExecutor) driver).executeScript("window.localStorage.clear();");
        driver.get(rig.base() + "/sandbox/");
        driver.findElement(By.id("line-telefooncirkel")).click();
        wait.until(d -> d.findElement(By.id("service-empty")).isDisplayed());
    }

    @AfterEach
    void stop() {
        if (driver != null) driver.quit();
        if (rig != null) rig.close();
    }

    private String ringing() {
        return wait.until(d -> {
            var items = d.findElements(By.cssSelector("#service-list .service-item--ringing"));
            return items.isEmpty() ? null : items.get(0).getText();
        });
    }

    private void click(String css) {
        wait.until(d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    private String display() {
        return driver.findElement(By.id("phone-display-text")).getText();
    }

    @Test
    void theDailyCallRingsInThePageAndIsAnsweredWithTheKeypad() throws Exception {
        rig.runDue();
        String call = ringing();
        assertTrue(call.contains("De telefoon gaat: de Telefooncirkel belt Annie"), call);
        shoot("sandbox-daily-call-ringing.png");
        // On a phone the ringing call and its buttons fit the screen: nothing scrolls sideways.
        driver.manage().window().setSize(new Dimension(390, 844));
        Object overflow = ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertEquals(0L, ((Number) overflow).longValue(), "the sandbox scrolls sideways at 390 px");
        ((JavascriptExecutor) driver).executeScript("document.getElementById('service-calls').scrollIntoView();");
        shoot("sandbox-daily-call-ringing-phone.png");
        driver.manage().window().setSize(new Dimension(1280, 1000));

        click("#service-list .service-item--ringing .button-answer");
        wait.until(d -> display().startsWith("Goedendag Annie"));
        assertEquals("tel-31612345678", driver.findElement(By.id("conversation-id")).getText());
        wait.until(d -> d.findElement(By.id("hangup-button")).isDisplayed());
        driver.findElement(By.id("key-1")).click();
        wait.until(d -> display().startsWith("Fijn om te horen"));
        wait.until(d -> d.findElement(By.cssSelector("#service-list .service-item")).getText().contains("gesprek beëindigd"));
        shoot("sandbox-daily-call-answered.png");
    }

    @Test
    void aCallLeftUnansweredComesAgainAsTheNextTry() {
        rig.runDue();
        ringing();
        click("#service-list .service-item--ringing button[data-i18n='missCall']");
        wait.until(d -> d.findElements(By.cssSelector("#service-list .service-item--ringing")).isEmpty());
        wait.until(d -> d.findElement(By.cssSelector("#service-list .service-item")).getText().contains("niet opgenomen"));
        // The ladder heard of it (the next try is scheduled before the day's log has the step).
        wait.until(d -> nl.omkijken.testing.Await.result(rig.log().of(java.time.LocalDate.of(2026, 12, 7), "pannie")).stream()
                .anyMatch(e -> e.step() == nl.omkijken.circle.CheckInLog.Step.NOT_REACHED));
        rig.clock().advance(Duration.ofMinutes(15));
        rig.runDue();
        String again = ringing();
        assertTrue(again.contains("belt Annie (poging 2)"), again);
        // In English too, as the language buttons switch it.
        driver.findElement(By.cssSelector("label[for='lang-en']")).click();
        wait.until(d -> d.findElement(By.cssSelector("#service-list .service-item--ringing")).getText()
                .contains("The phone rings: the Telefooncirkel calls Annie (try 2)"));
    }

    private void shoot(String file) throws Exception {
        File shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
}
