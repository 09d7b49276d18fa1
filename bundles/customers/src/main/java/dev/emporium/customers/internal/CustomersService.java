package dev.emporium.customers.internal;

import dev.emporium.customers.api.ConsentChange;
import dev.emporium.customers.api.ConsentLedger;
import dev.emporium.customers.api.ConsentRecord;
import dev.emporium.customers.api.ConsentState;
import dev.emporium.customers.api.ContactChannel;
import dev.emporium.customers.api.CustomerEvents;
import dev.emporium.customers.api.CustomerProfile;
import dev.emporium.customers.api.CustomerProfiles;
import dev.emporium.customers.api.CustomerInsights;
import dev.emporium.customers.api.CustomerReach;
import dev.emporium.customers.internal.store.ReachBook;
import dev.emporium.customers.internal.store.HabitsBook;
import dev.emporium.customers.internal.store.CompanyBook;
import dev.emporium.customers.internal.store.SegmentBook;
import dev.emporium.customers.internal.store.SignInThrottle;
import dev.emporium.customers.api.BuyingHabits;
import dev.emporium.customers.api.Address;
import dev.emporium.customers.api.CompanyAccount;
import dev.emporium.customers.api.CompanyAccounts;
import dev.emporium.customers.internal.store.ConsentBook;
import dev.emporium.customers.internal.store.CustomerBook;
import dev.emporium.customers.internal.store.DataRights;
import dev.emporium.customers.internal.store.SessionBook;
import dev.emporium.customers.internal.store.Settings;
import dev.emporium.platform.api.Access;
import dev.emporium.platform.api.Authenticator;
import dev.emporium.platform.api.Caller;
import dev.emporium.platform.api.Outbox;
import dev.emporium.platform.api.SchemaMigrations;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The customers department on the store's DataSource: migrates its tables on activation, publishes the consent ledger,
 * the profiles for other departments and the authenticator of customer session tokens ({@code Bearer ct_...}).
 */
@Component(service = {ConsentLedger.class, CustomerProfiles.class, CustomerInsights.class, CompanyAccounts.class, Authenticator.class,
        CustomersService.class},
        configurationPid = CustomersConfig.PID)
@Designate(ocd = CustomersConfig.class)
public class CustomersService implements ConsentLedger, CustomerProfiles, CustomerInsights, CompanyAccounts, Authenticator {

    private static final String BEARER = "Bearer ";

    private final CustomerBook customers;
    private final SessionBook sessions;
    private final ConsentBook consents;
    private final DataRights rights;
    private final ReachBook reach;
    private final HabitsBook habits;
    private final CompanyBook companies;
    private final SegmentBook segments;
    private final SignInThrottle throttle;
    private volatile Settings settings;

    @Activate
    public CustomersService(@Reference SchemaMigrations migrations, @Reference(target = "(dataSourceName=emporium)") DataSource dataSource,
                            @Reference Outbox outbox, BundleContext context, CustomersConfig config) {
        migrations.migrate(CustomerEvents.DEPARTMENT, context.getBundle());
        this.settings = settings(config);
        Clock clock = Clock.systemUTC();
        this.customers = new CustomerBook(dataSource, outbox, clock, () -> this.settings);
        this.sessions = new SessionBook(dataSource, clock, () -> this.settings);
        this.consents = new ConsentBook(dataSource, outbox, clock, () -> this.settings);
        this.rights = new DataRights(dataSource, outbox, clock, consents);
        this.reach = new ReachBook(dataSource, outbox, clock);
        this.habits = new HabitsBook(dataSource);
        this.companies = new CompanyBook(dataSource, clock);
        this.segments = new SegmentBook(dataSource, clock);
        this.throttle = new SignInThrottle(dataSource, clock, () -> this.settings);
    }

    @Modified
    void modified(CustomersConfig config) {
        this.settings = settings(config);
    }

    static Settings settings(CustomersConfig config) {
        return new Settings(Math.max(1, config.passwordIterations()), Duration.ofSeconds(Math.max(1, config.sessionSeconds())),
                Duration.ofMinutes(Math.max(1, config.resetTokenMinutes())), Settings.purposes(config.purposes()),
                Duration.ofSeconds(Math.max(1, config.signInWindowSeconds())), Math.max(1, config.signInMaxFailuresPerAccount()),
                Math.max(1, config.signInMaxFailuresPerAddress()));
    }

    public CustomerBook customers() {
        return customers;
    }

    public SessionBook sessions() {
        return sessions;
    }

    public ConsentBook consents() {
        return consents;
    }

    public DataRights rights() {
        return rights;
    }

    public ReachBook reachBook() {
        return reach;
    }

    public CompanyBook companies() {
        return companies;
    }

    public SegmentBook segments() {
        return segments;
    }

    public SignInThrottle throttle() {
        return throttle;
    }

    public HabitsBook habitsBook() {
        return habits;
    }

    @Override
    public Optional<BuyingHabits> habits(String customerId) {
        return habits.habits(customerId);
    }

    @Override
    public Optional<CustomerReach> reach(String customerId) {
        return reach.reach(customerId);
    }

    @Override
    public Optional<Caller> authenticate(String authorization, String remoteAddress) {
        if (authorization == null || !authorization.startsWith(BEARER)) {
            return Optional.empty();
        }
        return sessions.customerOf(authorization.substring(BEARER.length()).trim())
                .map(id -> new Caller(id, Access.CUSTOMER, Set.of()));
    }

    @Override
    public Optional<CustomerProfile> find(String customerId) {
        return customers.find(customerId);
    }

    @Override
    public boolean mayContact(String customerId, String purpose, ContactChannel channel) {
        return consents.mayContact(customerId, purpose, channel);
    }

    @Override
    public List<ConsentRecord> record(ConsentChange change) {
        return consents.record(change);
    }

    @Override
    public List<ConsentState> current(String customerId) {
        return consents.current(customerId);
    }

    @Override
    public List<ConsentRecord> history(String customerId) {
        return consents.history(customerId);
    }

    @Override
    public List<String> purposes() {
        return consents.purposes();
    }

    @Override
    public CompanyAccount open(String name, String taxId, String country, List<Address> addresses) {
        return account(companies.create(new CompanyBook.CompanyInput(name, taxId, country, addresses)));
    }

    @Override
    public Optional<CompanyAccount> byTaxId(String taxId) {
        return companies.byTaxId(taxId).map(CustomersService::account);
    }

    @Override
    public CompanyAccount setMember(String companyId, String customerId, String role) {
        return account(companies.setMember(companyId, customerId, role));
    }

    @Override
    public boolean close(String companyId) {
        return companies.close(companyId);
    }

    static CompanyAccount account(CompanyBook.CompanyView v) {
        java.util.Map<String, String> members = new java.util.LinkedHashMap<>();
        v.members().forEach(m -> members.put(m.customerId(), m.role().name()));
        return new CompanyAccount(v.company().id(), v.company().name(), v.company().taxId(), v.company().country(), members);
    }
}
