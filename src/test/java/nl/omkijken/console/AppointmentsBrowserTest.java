package nl.omkijken.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Set;
import nl.omkijken.testing.Http;
import nl.omkijken.testing.OpenDay;
import nl.omkijken.testing.RunningService;
import nl.omkijken.testing.TestWorkers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Afspraken page in a real headless Chromium, as an account holder uses it: her hours added with the form (a
 * mistake shown beside its field first), an organisation books one in the sandbox, and the booked time shows who,
 * the organisation and the topic; it fits a phone's width. Screenshots in target/screenshots.
 */
class AppointmentsBrowserTest {
    private static final String PASSWORD = "agenda spreekuur escamp 4";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static void type(WebDriver driver, String id, String text) {
        WebElement e = driver.findElement(By.id(id));
        e.clear();
        e.sendKeys(text);
    }

    @Test
    void anAccountHolderAddsHerHoursAndReadsWhoBooked(@TempDir Path data, @TempDir Path profile) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        try (RunningService service = RunningService.start(data, java.util.Map.of())) {
            TestWorkers.add(service.redisUrl(), "Sanne Accounthouder", Role.STAFF, Set.of("helpdesk:escamp"), PASSWORD);
            WebDriver driver = nl.omkijken.testing.HeadlessChromium.start(profile);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
                driver.get(service.base() + "/console/");
                wait.until(d -> d.findElement(By.id("sign-in-view")).isDisplayed());
                driver.findElement(By.id("name")).sendKeys("Sanne Accounthouder");
                driver.findElement(By.id("password")).sendKeys(PASSWORD);
                driver.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
                wait.until(d -> d.findElement(By.id("work-view")).isDisplayed());
                WebElement nav = driver.findElement(By.cssSelector(".nav__item[data-view=appointments-view]"));
                assertTrue(nav.isDisplayed(), "an account holder of the helpdesk sees Afspraken");
                assertFalse(driver.findElement(By.cssSelector(".nav__item[data-view=participants-view]")).isDisplayed());
                nav.click();
                wait.until(d -> d.findElement(By.id("appointment-form")).isDisplayed());
                assertTrue(driver.findElement(By.id("appointments-list")).getText().contains("Nog geen tijden"));
                assertTrue(driver.findElement(By.id("appointments-closures")).getText().contains("december"));

                LocalDate day = OpenDay.ahead();
                new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("appointment-district"))).selectByVisibleText("Escamp");
                // The date input takes the browser's own format: set its value as the page would read it.
                ((JavascriptExecutor) driver).executeScript("document.getElementById('appointment-date').value = arguments[0];", day.toString());
                type(driver, "appointment-from", "13:00");
                type(driver, "appointment-to", "12:00");
                type(driver, "appointment-holder", "Sanne");
                type(driver, "appointment-place", "telefonisch");
                driver.findElement(By.cssSelector("#appointment-form button[type=submit]")).click();
                wait.until(d -> d.findElement(By.id("appointment-to-error")).isDisplayed());
                assertTrue(driver.findElement(By.id("appointment-to-error")).getText().contains("na van"));

                type(driver, "appointment-to", "16:00");
                driver.findElement(By.cssSelector("#appointment-form button[type=submit]")).click();
                wait.until(d -> d.findElement(By.id("appointment-done")).isDisplayed());
                assertEquals("4 tijden toegevoegd; de assistent biedt ze binnen enkele seconden aan.",
                        driver.findElement(By.id("appointment-done")).getText());
                wait.until(d -> d.findElements(By.cssSelector("#appointments-list .appointment")).size() == 4);

                // An organisation books the first one in the sandbox.
                Http http = new Http(service.base());
                for (String text : new String[] {"Wij willen een afspraak maken met de accounthouder", "Stichting Buurtfeest Moerwijk", "Moerwijk",
                        "Fatima el Amrani", "fatima@buurtfeest.nl", "2", "1", "1"}) {
                    assertEquals(200, http.postJson("/sandbox/api/conversations/fatima/messages",
                            new JsonObject().put("text", text).put("line", "helpdesk").encode()).statusCode());
                }
                driver.findElement(By.cssSelector(".nav__item[data-view=appointments-view]")).click();
                wait.until(d -> d.findElement(By.cssSelector("#appointments-list .appointment:not(.appointment--free)")).getText()
                        .contains("Stichting Buurtfeest Moerwijk"));
                WebElement booked = driver.findElement(By.cssSelector("#appointments-list .appointment:not(.appointment--free)"));
                assertTrue(booked.getText().contains("Geboekt door Fatima el Amrani (Stichting Buurtfeest Moerwijk)"), booked.getText());
                assertTrue(booked.getText().contains("fatima@buurtfeest.nl"), booked.getText());
                assertTrue(booked.getText().startsWith("13:00 · Escamp · met Sanne · telefonisch · 45 min"), booked.getText());
                ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", booked);
                Files.copy(booked.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve("console-appointment-booked.png"),
                        StandardCopyOption.REPLACE_EXISTING);
                File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
                Files.copy(shot.toPath(), SCREENSHOTS.resolve("console-appointments.png"), StandardCopyOption.REPLACE_EXISTING);

                // What people write is shown as text: an organisation named with a script tag runs nothing.
                for (String text : new String[] {"Wij willen een afspraak maken met de accounthouder", "<script>window.pwned=1</script> Buurtkamer",
                        "Moerwijk", "Kees <b>de</b> Vries", "kees@example.nl", "2", "1", "1"}) {
                    assertEquals(200, http.postJson("/sandbox/api/conversations/kees/messages",
                            new JsonObject().put("text", text).put("line", "helpdesk").encode()).statusCode());
                }
                // By keyboard alone: the nav button reached and pressed with Enter opens the calendar again.
                WebElement navButton = driver.findElement(By.cssSelector(".nav__item[data-view=appointments-view]"));
                ((JavascriptExecutor) driver).executeScript("arguments[0].focus()", navButton);
                navButton.sendKeys(org.openqa.selenium.Keys.ENTER);
                wait.until(d -> d.findElement(By.id("appointments-list")).getText().contains("Buurtkamer"));
                assertTrue(driver.findElement(By.id("appointments-list")).getText()
                        .contains("Geboekt door Kees <b>de</b> Vries (<script>window.pwned=1</script> Buurtkamer)"));
                assertEquals(null, ((JavascriptExecutor) driver).executeScript("return window.pwned === undefined ? null : window.pwned;"));

                // On a phone: nothing to scroll sideways.
                driver.manage().window().setSize(new Dimension(390, 844));
                Object overflow = ((JavascriptExecutor) driver).executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                assertEquals(0L, ((Number) overflow).longValue(), "the calendar scrolls sideways at 390 px");
                File phone = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
                Files.copy(phone.toPath(), SCREENSHOTS.resolve("console-appointments-phone.png"), StandardCopyOption.REPLACE_EXISTING);
            } finally {
                driver.quit();
            }
        }
    }
}
