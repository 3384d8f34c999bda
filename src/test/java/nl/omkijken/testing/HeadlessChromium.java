package nl.omkijken.testing;

import java.io.File;
import java.nio.file.Path;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium (Debian's chromium and chromium-driver, installed by .ci/run) at the desktop size,
 * without anything that talks to the internet: what the browser tests look through.
 */
public final class HeadlessChromium {
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private HeadlessChromium() {}

    /** @param profile an empty folder for the browser's profile (a test's @TempDir) */
    public static WebDriver start(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--disable-default-apps", "--disable-extensions", "--force-device-scale-factor=1",
                "--window-size=1280,900", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        return new ChromeDriver(driverService, options);
    }
}
