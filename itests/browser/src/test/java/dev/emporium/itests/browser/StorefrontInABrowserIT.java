package dev.emporium.itests.browser;

import dev.emporium.testing.StoreProcess;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * A buyer in headless Chromium on the storefront page of the distribution, started as a user starts it, with the demo
 * wine store it loads on its first start: searches, narrows by a facet, opens a wine, puts it in the cart, checks out
 * with the test card and sees the order. Screenshots of the product page and the checkout are kept under
 * target/screenshots.
 */
public class StorefrontInABrowserIT {

    private static StoreProcess store;
    private static WebDriver browser;
    private static Path screenshots;

    @BeforeClass
    public static void openTheStoreAndABrowser() throws Exception {
        store = StoreProcess.copy(Path.of(System.getProperty("emporium.assembly")), Path.of(System.getProperty("emporium.work"))).start();
        // the demo loads on the first start: its last step stocks the last gift box
        store.awaitGet("/api/inventory/stock/DEMO-B08", body -> body.contains("\"available\":"), Duration.ofMinutes(6));
        screenshots = Files.createDirectories(Path.of(System.getProperty("emporium.screenshots")));

        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("emporium.chromium", "/usr/bin/chromium"));
        // no sandbox as root; no background traffic (the machine's network is closed), a profile of its own
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1100", "--user-data-dir=" + Files.createTempDirectory("emporium-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("emporium.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterClass
    public static void closeThem() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    public void aBuyerFindsAWineBuysItWithTheTestCardAndSeesTheOrder() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(store.base() + "/store/");
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#results .card"), 0));
        assertTrue(text(By.id("categories")).contains("Red wine"));

        // search
        WebElement search = browser.findElement(By.id("search-text"));
        search.sendKeys("bordeaux");
        search.submit();
        wait.until(ExpectedConditions.attributeContains(By.id("view"), "data-shown", "q=bordeaux"));
        assertEquals("Results for “bordeaux”", text(By.tagName("h1")));
        long all = total();
        assertTrue("Bordeaux wines found: " + all, all > 0);

        // narrow by a facet
        browser.findElement(By.cssSelector("input[data-facet-value='colour:red']")).click();
        wait.until(ExpectedConditions.attributeContains(By.id("view"), "data-shown", "facet=colour%3Ared"));
        assertTrue(browser.findElement(By.cssSelector("input[data-facet-value='colour:red']")).isSelected());
        long reds = total();
        assertTrue("the facet narrows: " + reds + " of " + all, reds > 0 && reds < all);

        // open a wine that is in stock
        List<String> links = browser.findElements(By.cssSelector("#results .card a.name")).stream().map(a -> a.getAttribute("href")).toList();
        String sku = null;
        for (String link : links) {
            browser.get(link);
            wait.until(ExpectedConditions.attributeToBe(By.id("view"), "data-shown", link.substring(link.indexOf('#'))));
            if (browser.findElement(By.id("add-to-cart")).isEnabled()) {
                sku = browser.findElement(By.cssSelector("article.product")).getAttribute("data-sku");
                break;
            }
        }
        assertTrue("a red Bordeaux in stock among " + links, sku != null);
        String page = text(By.cssSelector("article.product"));
        for (String shown : new String[] {"Bordeaux", "Details", "Grape", "Goes with", "Box of 6", "Box of 12", "Shipping",
                "Goes well with", "in stock"}) {
            assertTrue(shown + " on the product page: " + page, page.contains(shown));
        }
        // the units come from the wine type's attribute definitions in the catalog
        String bottle = text(By.cssSelector("td[data-attribute=volume]"));
        assertTrue("the bottle's size with its unit: " + bottle, bottle.matches("\\d+ ml"));
        assertTrue("the alcohol with its unit: " + page, Pattern.compile("\\d+(\\.\\d+)? % vol").matcher(page).find());
        shoot("product-page.png");

        // add a box of 6 to the cart
        int before = Integer.parseInt(text(By.id("cart-count")));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("pack"))).selectByValue("6");
        browser.findElement(By.id("add-to-cart")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#buy-message .ok")));
        assertEquals("one box more in the cart", before + 1, Integer.parseInt(text(By.id("cart-count"))));
        browser.findElement(By.cssSelector("#buy-message a")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("view"), "data-shown", "#/cart"));
        assertFalse(browser.findElements(By.cssSelector("#cart-lines tr[data-sku='" + sku + "']")).isEmpty());
        assertTrue(text(By.id("cart-lines")).contains("box of 6"));

        // check out with the test card
        type("checkout-email", "ada@example.com");
        type("checkout-name", "Ada Lovelace");
        type("checkout-line1", "12 rue des Vignes");
        type("checkout-postalCode", "33000");
        type("checkout-city", "Bordeaux");
        shoot("checkout.png");
        browser.findElement(By.id("place-order")).click();
        try {
            // a checkout reserves stock and charges the card: on a loaded machine that takes a moment
            new WebDriverWait(browser, Duration.ofSeconds(90)).until(ExpectedConditions.or(ExpectedConditions.presenceOfElementLocated(By.id("order-placed")),
                    ExpectedConditions.presenceOfElementLocated(By.cssSelector("#checkout-result .problem"))));
        } catch (org.openqa.selenium.TimeoutException e) {
            shoot("checkout-no-answer.png");
            throw new AssertionError("no answer to the checkout at " + browser.getCurrentUrl() + ": " + text(By.id("view")), e);
        }
        if (browser.findElements(By.id("order-placed")).isEmpty()) {
            shoot("checkout-refused.png");
            throw new AssertionError("the checkout was refused: " + text(By.id("checkout-result")));
        }
        String placed = text(By.id("order-placed"));
        Matcher number = Pattern.compile("order (\\S+) is placed").matcher(placed);
        assertTrue(placed, number.find());
        assertEquals("PAID", text(By.id("order-status")));
        assertTrue(text(By.id("order-lines")).contains("box of 6"));
        shoot("order.png");
        assertEquals("the cart is gone with the checkout", "0", text(By.id("cart-count")));

        // the store agrees
        String order = store.get("/api/orders/orders/" + number.group(1) + "?email=ada@example.com").body();
        assertTrue(order, order.contains("\"status\":\"PAID\"") && order.contains("\"sku\":\"" + sku + "\"") && order.contains("\"packSize\":6"));
    }

    @Test
    public void aBadCheckoutIsExplainedFieldByFieldAndPlacesNothing() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(store.base() + "/store/#/product/DEMO-G02");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("add-to-cart"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#buy-message .ok")));
        browser.get(store.base() + "/store/#/cart");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("checkout")));
        type("checkout-email", "not-an-email@");
        type("checkout-name", "Bob");
        type("checkout-line1", "1 Main St");
        type("checkout-postalCode", "1000");
        type("checkout-city", "Brussels");
        // the browser's own form checks are the buyer's first help; the store's answer is what this test reads
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("document.getElementById('checkout').noValidate = true");
        browser.findElement(By.id("place-order")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#checkout-result .problem")));
        String problem = text(By.cssSelector("#checkout-result .problem"));
        assertTrue(problem, problem.contains("email"));
        assertFalse("no order placed: " + browser.getCurrentUrl(), browser.getCurrentUrl().contains("#/order/"));
        assertFalse("the cart is still there", browser.findElements(By.cssSelector("#cart-lines tr[data-sku='DEMO-G02']")).isEmpty());
    }

    @Test
    public void aVisitorAsksASommelierInTheChat() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(store.base() + "/store/#/");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("chat-open"))).click();
        type("chat-name", "Marguerite");
        type("chat-text", "Which white would you pour with oysters?");
        browser.findElement(By.id("chat-send")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#chat-messages li.VISITOR"), "Which white would you pour with oysters?"));
        String chat = (String) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return sessionStorage.getItem('emporium.chat')");
        assertTrue("the page keeps its chat: " + chat, chat != null && !chat.isBlank());
        type("chat-text", "And with a cheese plate?");
        browser.findElement(By.id("chat-send")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chat-messages"), "And with a cheese plate?"));
        String transcript = store.get("/api/support/chats/" + chat + "?after=0").body();
        assertTrue("the store holds what the visitor wrote: " + transcript,
                transcript.contains("Which white would you pour with oysters?") && transcript.contains("And with a cheese plate?"));
    }

    private long total() {
        Matcher m = Pattern.compile("(\\d+) products").matcher(text(By.id("total")));
        assertTrue(text(By.id("total")), m.find());
        return Long.parseLong(m.group(1));
    }

    private static String text(By by) {
        return browser.findElement(by).getText();
    }

    private static void type(String id, String value) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    private static void shoot(String name) throws Exception {
        Files.write(screenshots.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
