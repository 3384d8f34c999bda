package nl.omkijken.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.io.File;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.RunningService;
import nl.omkijken.testing.TestWorkers;
import nl.omkijken.testing.fakes.FakeTwilio;
import nl.omkijken.testing.fakes.Forms;
import nl.omkijken.testing.fakes.TwilioSigner;
import nl.omkijken.testing.fakes.WebhookClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's phone side in a real headless Chromium, on the service with Twilio Voice on (against the fake Twilio):
 * a volunteer switches on "Bellers via mijn telefoon" (a wrong number refused beside the field), a caller to the
 * Luisterlijn waits on the line and shows in the inbox with its badge, and a coordinator reads the calls under Cijfers.
 */
class ConsolePhoneBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String PASSWORD = "zonnebloem kapstok rivier 7";
    private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "console-phone-token-0123456789";
    private static final String LUISTER = "+3197010200300";

    private static Vertx vertx;
    private static FakeTwilio twilio;
    private static RunningService service;
    private static WebDriver driver;
    private static WebDriverWait wait;

    @BeforeAll
    static void start(@TempDir Path data, @TempDir Path profile) throws Exception {
        vertx = Vertx.vertx();
        twilio = FakeTwilio.start(vertx, ACCOUNT, TOKEN);
        Map<String, String> env = twilio.serviceEnv();
        env.put("TWILIO_NUMBERS_LUISTERLIJN", LUISTER);
        service = RunningService.start(data, env);
        TestWorkers.add(service.redisUrl(), "Vera de Wit", Role.VOLUNTEER, Set.of("luisterlijn"), PASSWORD);
        TestWorkers.add(service.redisUrl(), "Carla Coördinator", Role.COORDINATOR, Set.of("luisterlijn"), PASSWORD);
        driver = nl.omkijken.testing.HeadlessChromium.start(profile);
        wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (driver != null) driver.quit();
        if (service != null) service.close();
        if (twilio != null) twilio.close();
        if (vertx != null) Await.result(vertx.close());
    }

    private static void signIn(String name) {
        driver.get(service.base() + "/console/");
        wait.until(d -> d.findElement(By.id("sign-in-view")).isDisplayed());
        driver.findElement(By.id("name")).sendKeys(name);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        wait.until(d -> d.findElement(By.id("work-view")).isDisplayed());
    }

    /** A call to the Luisterlijn as Twilio brings it: answered, then silence after the welcome's question. */
    private static void callerWaitsOnTheLine() {
        WebhookClient client = new WebhookClient(service.base());
        TwilioSigner signer = new TwilioSigner(TOKEN);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", ACCOUNT);
        form.put("CallSid", String.format("CA%032x", 7));
        form.put("CallStatus", "in-progress");
        form.put("Direction", "inbound");
        form.put("From", "+31201234567");
        form.put("To", LUISTER);
        for (String path : new String[] {"/webhooks/twilio/voice", "/webhooks/twilio/voice?heard=0"}) {
            HttpResponse<String> r = client.post(path, "application/x-www-form-urlencoded",
                    Forms.encode(form).getBytes(StandardCharsets.UTF_8), Map.of("X-Twilio-Signature", signer.sign(service.base() + path, form)));
            assertEquals(200, r.statusCode(), r.body());
        }
    }

    @Test
    void aVolunteerSwitchesOnTheirPhoneSeesTheCallerOnTheLineAndACoordinatorReadsTheCalls() throws Exception {
        signIn("Vera de Wit");
        wait.until(d -> d.findElement(By.id("phone-duty")).isDisplayed());
        assertEquals("Bellers via mijn telefoon: uit", driver.findElement(By.id("phone-duty-summary")).getText());
        // Opened from the keyboard (a native details/summary): Enter on the summary.
        driver.findElement(By.id("phone-duty-summary")).sendKeys(org.openqa.selenium.Keys.ENTER);
        wait.until(d -> d.findElement(By.id("phone-duty-number")).isDisplayed());
        driver.findElement(By.id("phone-duty-number")).sendKeys("0612");
        driver.findElement(By.cssSelector("#phone-duty-form button[type=submit]")).click();
        wait.until(d -> d.findElement(By.id("phone-duty-error")).isDisplayed());
        assertTrue(driver.findElement(By.id("phone-duty-error")).getText().contains("bestaat niet"),
                driver.findElement(By.id("phone-duty-error")).getText());
        assertEquals("true", driver.findElement(By.id("phone-duty-number")).getAttribute("aria-invalid"));
        shoot("console-phone-duty-refused.png");
        // On a phone the panel stays on the screen.
        driver.manage().window().setSize(new Dimension(390, 844));
        Object box = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "var r = document.getElementById('phone-duty-form').getBoundingClientRect();"
                        + " return [r.left, r.right, document.documentElement.clientWidth];");
        java.util.List<?> b = (java.util.List<?>) box;
        double left = ((Number) b.get(0)).doubleValue(), right = ((Number) b.get(1)).doubleValue(), width = ((Number) b.get(2)).doubleValue();
        assertTrue(left >= 0 && right <= width + 1, "the panel fits 390 px: " + b);
        File phone = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(phone.toPath(), SCREENSHOTS.resolve("console-phone-duty-phone.png"), StandardCopyOption.REPLACE_EXISTING);
        driver.manage().window().setSize(new Dimension(1280, 900));
        // With the keyboard alone: the number typed and Enter; the field is where the focus went after the refusal.
        org.openqa.selenium.WebElement field = driver.switchTo().activeElement();
        assertEquals("phone-duty-number", field.getAttribute("id"));
        field.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), org.openqa.selenium.Keys.BACK_SPACE);
        field.sendKeys("06 12345678", org.openqa.selenium.Keys.ENTER);
        wait.until(d -> d.findElement(By.id("phone-duty-summary")).getText().equals("Bellers via mijn telefoon: +31 6 12345678"));
        assertEquals("", driver.findElement(By.id("phone-duty-number")).getAttribute("value"), "the number is not left in the field");
        assertEquals("phone-duty-summary", driver.switchTo().activeElement().getAttribute("id"), "the focus stays on the control");

        callerWaitsOnTheLine();
        wait.until(d -> d.findElements(By.cssSelector("#waiting .item .badge--call")).size() == 1);
        assertEquals("Wacht aan de lijn", driver.findElement(By.cssSelector("#waiting .item .badge--call")).getText());
        shoot("console-caller-on-the-line.png");

        driver.findElement(By.id("sign-out")).click();
        wait.until(d -> d.findElement(By.id("sign-in-view")).isDisplayed());
        assertEquals("", driver.findElement(By.id("phone-duty-number")).getAttribute("value"));

        signIn("Carla Coördinator");
        driver.findElement(By.cssSelector(".nav__item[data-view=figures-view]")).click();
        new Select(wait.until(d -> d.findElement(By.id("figures-line")))).selectByValue("luisterlijn");
        wait.until(d -> d.findElement(By.id("calls-figures")).isDisplayed());
        wait.until(d -> d.findElements(By.cssSelector("#calls-list tr")).size() == 14);
        assertEquals("1", driver.findElement(By.cssSelector("#calls-list tr:first-child td:nth-child(2)")).getText(),
                "today: one caller offered");
        shootElement("console-figures-calls.png", driver.findElement(By.id("calls-figures")));
    }

    private static void shoot(String file) throws Exception {
        driver.manage().window().setSize(new Dimension(1280, 900));
        File shot = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void shootElement(String file, org.openqa.selenium.WebElement element) throws Exception {
        driver.manage().window().setSize(new Dimension(1280, 900));
        File shot = element.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
}
