package nl.omkijken.channels.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import nl.omkijken.testing.RunningService;

/**
 * The sandbox web chat in a real headless Chromium, against the whole service (in this JVM) and a
 * real redis-server. Asserts what a person sees on the page. One browser and one service for the
 * class; every test starts from an empty localStorage, so from a fresh conversation.
 */
class SandboxBrowserTest {
    private static final Dimension DESKTOP = new Dimension(1280, 900);
    private static final Dimension PHONE = new Dimension(390, 844);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static RunningService service;
    private static WebDriver driver;
    private static WebDriverWait wait;
    private static String pageUrl;

    @BeforeAll
    static void start(@TempDir Path data, @TempDir Path browserProfile) throws Exception {
        service = RunningService.start(data);
        pageUrl = service.base() + "/sandbox/";

        // A fixed driver executable: Selenium Manager (which would try the internet) never runs.
        driver = nl.omkijken.testing.HeadlessChromium.start(browserProfile);
        wait = newWait();
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (driver != null) driver.quit();
        if (service != null) service.close();
    }

    /** A fresh page: no stored line, language or conversation, desktop size. */
    @BeforeEach
    void openFreshPage() {
        setViewport(DESKTOP);
        driver.get(pageUrl.substring(0, pageUrl.length() - 1)); // the bare /sandbox redirects to the page
        assertEquals(pageUrl, driver.getCurrentUrl());
        js("window.localStorage.clear();");
        driver.get(pageUrl);
        wait.until(d -> !d.findElement(By.id("conversation-id")).getText().isBlank());
    }

    @Test
    void luisterlijnGreetsAndQueuesForAPerson() throws IOException {
        type("hoi");
        assertTrue(waitForBotMessage("automatische assistent").contains("geen mens"));
        waitForChip("Nu praten");
        assertTrue(chipLabels().containsAll(List.of("Nu praten", "Terugbellen", "Iets opschrijven", "Andere hulp")),
                chipLabels().toString());
        assertEquals("hoi", lastTextOf("#messages .msg--in .msg-text"));

        clickChip("Nu praten");
        waitForBotMessage("vrijwilliger of hulpverlener", "zodra er iemand vrij is");
        wait.until(d -> "WAITING".equals(status().getAttribute("data-ownership")));
        assertEquals("Wacht op een medewerker", status().getText());
        assertTrue(texts("#messages .msg--in .msg-text").contains("Nu praten"), "the chip shows as the person's answer");

        screenshots("luisterlijn");
    }

    /** The language buttons change a running conversation: the question waiting comes again in English. */
    @Test
    void choosingEnglishMidConversationAsksTheQuestionAgainInEnglish() {
        type("hoi");
        waitForBotMessage("Wat wil je het liefst?");
        driver.findElement(By.id("lang-en")).click();
        waitForBotMessage("Let's continue in English.");
        waitForBotMessage("What would you like?");
        waitForChip("Talk now");
        clickChip("Call back");
        waitForBotMessage("What may the volunteer call you?");
    }

    @Test
    void helpdeskInEnglishLeadsThroughATopicToTheIntake() {
        driver.findElement(By.id("line-helpdesk")).click();
        driver.findElement(By.id("lang-en")).click();
        wait.until(d -> "Helpdesk".equals(d.findElement(By.id("chat-line-name")).getText()));
        assertEquals("Send", driver.findElement(By.id("send-button")).getText());

        type("Hello");
        waitForBotMessage("Welcome to the PEP Helpdesk", "automated assistant");
        waitForBotMessage("What is your question about?");
        clickChip("Subsidies and funds");
        // From the knowledge base: the article's summary and the link to its page, in English.
        waitForBotMessage("subsidy schemes", "/kennis/subsidie-gemeente?lang=en");
        waitForBotMessage("Did this help?");
        clickChip("No, a meeting please");
        waitForBotMessage("What is the name of your organisation or initiative?");

        type("Buurtvereniging Transvaal");
        waitForBotMessage("In which district of The Hague is your organisation active?");
        assertEquals("Buurtvereniging Transvaal", lastTextOf("#messages .msg--in .msg-text"));
    }

    @Test
    void telefooncirkelCheckInGreetsByNameAndTakesAKeypadAnswer() throws IOException {
        driver.findElement(By.id("line-telefooncirkel")).click();
        WebElement firstName = wait.until(d -> visible(By.id("first-name")));
        assertTrue(driver.findElement(By.id("keypad")).isDisplayed());
        assertFalse(driver.findElement(By.id("silence-button")).isDisplayed(), "no call yet");
        int keypadTop = driver.findElement(By.id("key-1")).getRect().getY();
        firstName.sendKeys("Annie");
        driver.findElement(By.id("checkin-button")).click();

        // The phone's own words: keys to press, not digits to send.
        waitForBotMessage("Goedendag Annie", "Telefooncirkel", "Toets 1 als alles goed is");
        wait.until(d -> d.findElement(By.id("phone-display-text")).getText().startsWith("Goedendag Annie"));
        wait.until(d -> d.findElement(By.id("phone-display-text")).getText().contains("Toets 9 om de vraag nog eens te horen."));
        assertTrue(driver.findElement(By.id("silence-button")).isDisplayed() && driver.findElement(By.id("hangup-button")).isDisplayed());
        assertFalse(driver.findElement(By.id("checkin-button")).isDisplayed(), "in a call");
        screenshots("telefooncirkel-call");

        driver.findElement(By.id("key-1")).click();
        waitForBotMessage("Fijn om te horen");
        assertEquals("1", lastTextOf("#messages .msg--in .msg-text"));
        wait.until(d -> d.findElement(By.id("phone-display-text")).getText().startsWith("Fijn om te horen"));
        wait.until(d -> d.findElement(By.id("call-status")).getText().equals("Het gesprek is beëindigd."));
        wait.until(d -> d.findElement(By.id("checkin-button")).isDisplayed());
        assertEquals(keypadTop, driver.findElement(By.id("key-1")).getRect().getY(), "the keypad stays in place");

        screenshots("telefooncirkel");
    }

    /**
     * A call to the Luisterlijn in the simulator: the welcome, the wait on the line with the place, a worker taking the
     * caller in the console, the put-through shown, and the hang-up.
     */
    @Test
    void aCallToTheLuisterlijnWaitsOnTheLineAndIsPutThroughToTheWorkerWhoTakesIt() throws Exception {
        String password = "een-lang-wachtwoord-voor-lotte";
        nl.omkijken.testing.TestWorkers.add(service.redisUrl(), "Lotte Luisterlijn", nl.omkijken.console.Role.VOLUNTEER,
                java.util.Set.of("luisterlijn"), password);
        wait.until(d -> visible(By.id("checkin-button")));
        assertEquals("Bel de Luisterlijn", driver.findElement(By.id("checkin-button")).getText());
        assertFalse(driver.findElement(By.id("first-name")).isDisplayed(), "a name is asked for the Telefooncirkel's check-in only");
        driver.findElement(By.id("checkin-button")).click();
        wait.until(d -> d.findElement(By.id("phone-display-text")).getText().contains("Is het dringend? Toets dan 0."));
        wait.until(d -> visible(By.id("silence-button"))).click();
        wait.until(d -> d.findElement(By.id("phone-display-text")).getText().contains("Plaats in de wachtrij: 1."));
        wait.until(d -> d.findElement(By.id("call-status")).getText().startsWith("U wacht aan de lijn."));
        assertTrue(driver.findElement(By.id("hangup-button")).isDisplayed());
        screenshots("sandbox-luisterlijn-call-waiting");

        nl.omkijken.testing.ConsoleClient lotte = new nl.omkijken.testing.ConsoleClient(service.base());
        assertEquals(200, lotte.signIn("Lotte Luisterlijn", password).statusCode());
        io.vertx.core.json.JsonArray waiting = new io.vertx.core.json.JsonObject(lotte.get("/console/api/inbox").body()).getJsonArray("waiting");
        String id = waiting.stream().map(o -> (io.vertx.core.json.JsonObject) o).filter(o -> o.getBoolean("onTheLine", false))
                .findFirst().orElseThrow().getString("id");
        assertEquals(200, lotte.post("/console/api/conversations/" + id + "/take", new io.vertx.core.json.JsonObject()).statusCode());
        wait.until(d -> d.findElement(By.id("call-status")).getText().startsWith("Doorverbonden met Lotte Luisterlijn"));
        screenshots("sandbox-luisterlijn-call-put-through");

        driver.findElement(By.id("hangup-button")).click();
        wait.until(d -> d.findElement(By.id("checkin-button")).isDisplayed());
    }

    @Test
    void aSimulatedCallHearsSilenceAndAFallSaidInWords() {
        driver.findElement(By.id("line-telefooncirkel")).click();
        wait.until(d -> visible(By.id("first-name")));
        driver.findElement(By.id("checkin-button")).click();
        wait.until(d -> d.findElement(By.id("phone-display-text")).getText().contains("Hoe gaat het vandaag met u?"));

        // Nothing said: asked again; nothing said twice: the check-in's own second question.
        wait.until(d -> visible(By.id("silence-button"))).click();
        wait.until(d -> d.findElement(By.id("phone-display-text")).getText().startsWith("Ik hoorde niets."));
        driver.findElement(By.id("silence-button")).click();
        wait.until(d -> d.findElement(By.id("phone-display-text")).getText().startsWith("Ik heb u nog niet gehoord."));

        // Words typed in a call are said: a fall gets the check-in's own emergency route (112, the coordinator), and
        // the call ends.
        type("ik ben gevallen en kom niet meer overeind");
        wait.until(d -> d.findElement(By.id("phone-display-text")).getText().contains("Hang dan op en bel 112."));
        wait.until(d -> d.findElement(By.id("checkin-button")).isDisplayed());
    }

    @Test
    void aCrisisMessageShowsTheHelplineNumbersApartAndTappable() throws IOException {
        type("hoi");
        waitForBotMessage("Wat wil je het liefst?");
        type("ik wil niet meer leven");
        String reply = waitForBotMessage("113", "0800-0113", "112");
        assertTrue(reply.contains("Bel nu gratis 0800-0113 of 113"), reply);
        // The safety reply stands out from ordinary replies: marked, labelled in words, its numbers links to call.
        List<WebElement> urgent = driver.findElements(By.cssSelector("#messages .msg--urgent"));
        assertFalse(urgent.isEmpty(), "the safety reply is marked");
        WebElement safety = urgent.get(0);
        assertTrue(safety.getText().contains("Belangrijk"), safety.getText());
        List<String> dials = safety.findElements(By.cssSelector("a.phone-number")).stream().map(a -> a.getAttribute("href")).toList();
        assertEquals(List.of("tel:08000113", "tel:113", "tel:112"), dials);
        assertFalse(driver.findElements(By.cssSelector("#messages .msg--out:not(.msg--urgent) .msg-text")).isEmpty(),
                "the welcome is an ordinary reply");
        assertTrue(driver.findElements(By.cssSelector("#messages .msg--out:not(.msg--urgent) a")).isEmpty(),
                "no links in ordinary replies");
        assertTrue(driver.findElement(By.cssSelector("#messages .msg--urgent a.phone-number")).getSize().getHeight() >= 44,
                "a number is large enough to tap");
        screenshots("sandbox-crisis");
    }

    @Test
    void messagesAreShownAsTextNeverAsHtml() {
        String markup = "<img src=x onerror=alert(1)><b>vet</b>";
        type(markup);
        wait.until(d -> texts("#messages .msg--in:not(.msg--pending) .msg-text").contains(markup));
        waitForBotMessage("automatische assistent");

        WebElement messages = driver.findElement(By.id("messages"));
        assertTrue(messages.findElements(By.cssSelector("img, b, script")).isEmpty(), messages.getAttribute("innerHTML"));
        assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert(), "the onerror handler ran");
    }

    @Test
    void aConversationOfAnotherLineShowsTheErrorBannerWithTheReason() {
        WebElement banner = driver.findElement(By.id("error-banner"));
        assertFalse(banner.isDisplayed());

        // Sending nothing is refused by the page itself.
        driver.findElement(By.id("send-button")).click();
        wait.until(d -> banner.isDisplayed());
        assertEquals("Typ eerst een bericht.", driver.findElement(By.id("error-text")).getText());
        driver.findElement(By.id("error-dismiss")).click();
        wait.until(d -> !banner.isDisplayed());

        // A helpdesk conversation, whose id then ends up stored for the luisterlijn: the server refuses (409).
        driver.findElement(By.id("line-helpdesk")).click();
        type("hallo");
        waitForBotMessage("PEP Helpdesk");
        String helpdeskId = driver.findElement(By.id("conversation-id")).getText();
        js("window.localStorage.setItem('omkijken.sandbox.conversation.luisterlijn', arguments[0]);", helpdeskId);
        driver.findElement(By.id("line-luisterlijn")).click();
        wait.until(d -> "Luisterlijn".equals(d.findElement(By.id("chat-line-name")).getText()));
        assertEquals(helpdeskId, driver.findElement(By.id("conversation-id")).getText());

        type("hoi");
        wait.until(d -> banner.isDisplayed());
        assertEquals("Dit gesprek hoort bij een andere lijn. Begin een nieuw gesprek voor deze lijn.",
                driver.findElement(By.id("error-text")).getText());
        String detail = driver.findElement(By.id("error-detail")).getText();
        assertTrue(detail.startsWith("Melding van de server:") && detail.contains("belongs to line 'helpdesk'"), detail);
        assertTrue(driver.findElements(By.cssSelector("#messages .msg--pending")).isEmpty(), "the refused message is taken back");

        // The banner offers the way out: a new conversation for this line, which works.
        driver.findElement(By.id("error-action")).click();
        wait.until(d -> !banner.isDisplayed());
        assertNotEquals(helpdeskId, driver.findElement(By.id("conversation-id")).getText());
        type("hoi");
        waitForBotMessage("automatische assistent");
        assertFalse(banner.isDisplayed());
    }

    @Test
    void aReloadShowsTheConversationAgain() {
        type("hoi");
        waitForChip("Terugbellen");
        clickChip("Terugbellen");
        waitForBotMessage("Hoe mag de vrijwilliger je noemen?");
        wait.until(d -> d.findElements(By.cssSelector("#messages .msg--pending")).isEmpty());
        String id = driver.findElement(By.id("conversation-id")).getText();
        List<String> before = texts("#messages .msg-text");

        driver.navigate().refresh();
        wait.until(d -> texts("#messages .msg-text").size() == before.size());
        assertEquals(before, texts("#messages .msg-text"));
        assertEquals(id, driver.findElement(By.id("conversation-id")).getText());
        assertFalse(driver.findElement(By.id("empty-state")).isDisplayed());

        // And it goes on where it was.
        type("Els");
        waitForBotMessage("Op welk nummer kunnen we je bellen?");
    }

    // ---------------------------------------------------------------- helpers

    /** Every wait of its own: a message set on one must not stick to the next. */
    private static WebDriverWait newWait() {
        WebDriverWait w = new WebDriverWait(driver, TIMEOUT);
        w.ignoring(StaleElementReferenceException.class);
        return w;
    }

    private static void type(String text) {
        WebElement input = driver.findElement(By.id("message-input"));
        input.sendKeys(text, Keys.ENTER);
    }

    /** Waits for a message from the line whose text contains all parts; returns its text. */
    private static String waitForBotMessage(String... parts) {
        return newWait().withMessage(() -> "no bot message with " + List.of(parts) + "; shown: " + texts("#messages .msg-text"))
                .until(d -> {
                    for (String text : texts("#messages .msg--out .msg-text")) {
                        boolean all = true;
                        for (String part : parts) all &= text.contains(part);
                        if (all) return text;
                    }
                    return null;
                });
    }

    private static WebElement waitForChip(String label) {
        return newWait().withMessage(() -> "no quick reply '" + label + "'; chips: " + chipLabels())
                .until(d -> {
                    for (WebElement chip : d.findElements(By.cssSelector("#quick-replies .chip"))) {
                        if (label.equals(chip.getAttribute("data-label")) && chip.isDisplayed()) return chip;
                    }
                    return null;
                });
    }

    /** Chips are redrawn whenever the transcript refreshes, so a found chip may go stale: try again. */
    private static void clickChip(String label) {
        wait.until(d -> {
            try {
                waitForChip(label).click();
                return true;
            } catch (StaleElementReferenceException | NoSuchElementException e) {
                return false;
            }
        });
    }

    private static List<String> chipLabels() {
        return driver.findElements(By.cssSelector("#quick-replies .chip")).stream()
                .map(c -> c.getAttribute("data-label")).collect(Collectors.toList());
    }

    private static List<String> texts(String css) {
        try {
            return driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).collect(Collectors.toList());
        } catch (StaleElementReferenceException e) {
            return List.of();
        }
    }

    private static String lastTextOf(String css) {
        List<String> all = texts(css);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    private static WebElement status() {
        return driver.findElement(By.id("conversation-status"));
    }

    private static WebElement visible(By by) {
        WebElement element = driver.findElement(by);
        return element.isDisplayed() ? element : null;
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The page as it looks now, on a desktop and on a phone, into target/screenshots/. */
    private static void screenshots(String name) throws IOException {
        waitForNewestMessageInView();
        shoot(name + "-desktop.png");
        setViewport(PHONE);
        // The transcript is sized by the viewport; the newest message must stay in view when it shrinks.
        waitForNewestMessageInView();
        shoot(name + "-phone.png");
        // On a phone the settings come first; the chat is what a person scrolls to while talking.
        js("document.getElementById('chat-title').scrollIntoView({block: 'start'});");
        shoot(name + "-phone-chat.png");
        setViewport(DESKTOP);
    }

    private static void waitForNewestMessageInView() {
        newWait().withMessage(() -> "the newest message is scrolled out of the transcript")
                .until(d -> (Boolean) js("var box = document.getElementById('transcript').getBoundingClientRect();"
                        + " var all = document.querySelectorAll('#messages .msg');"
                        + " var last = all[all.length - 1].getBoundingClientRect();"
                        + " return last.bottom <= box.bottom + 1 && last.bottom > box.top;"));
    }

    /** Sizes the window so that the page itself (the viewport) gets the given size, as on a device. */
    private static void setViewport(Dimension size) {
        driver.manage().window().setSize(size);
        long innerWidth = (Long) js("return window.innerWidth;");
        long innerHeight = (Long) js("return window.innerHeight;");
        driver.manage().window().setSize(new Dimension(2 * size.width - (int) innerWidth, 2 * size.height - (int) innerHeight));
        newWait().withMessage(() -> "the viewport did not become " + size)
                .until(d -> ((Long) js("return window.innerWidth;")) == size.width
                        && ((Long) js("return window.innerHeight;")) == size.height);
    }

    private static void shoot(String file) throws IOException {
        File shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
}
