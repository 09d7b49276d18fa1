package dev.emporium.customers.internal.http;

import dev.emporium.customers.api.Address;
import dev.emporium.customers.api.ConsentChange;
import dev.emporium.customers.api.ConsentRecord;
import dev.emporium.customers.api.ConsentSource;
import dev.emporium.customers.api.ConsentState;
import dev.emporium.customers.api.ContactChannel;
import dev.emporium.customers.api.CustomerEvents;
import dev.emporium.customers.api.CustomerProfile;
import dev.emporium.customers.api.Messaging;
import dev.emporium.customers.api.ProfileInput;
import dev.emporium.customers.internal.CustomersService;
import dev.emporium.customers.internal.store.ReachBook;
import dev.emporium.customers.internal.store.CompanyBook;
import dev.emporium.customers.internal.store.SegmentBook;
import dev.emporium.customers.api.BuyingHabits;
import dev.emporium.customers.api.CustomerReach;
import dev.emporium.customers.internal.store.SessionBook;
import dev.emporium.platform.api.DepartmentRoutes;
import dev.emporium.platform.api.HttpMethod;
import dev.emporium.platform.api.NotFoundException;
import dev.emporium.platform.api.Route;
import dev.emporium.platform.api.RouteRequest;
import dev.emporium.platform.api.RouteResponse;
import dev.emporium.platform.api.UnauthorizedException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Customers' HTTP routes: sign-up, sign-in and the signed-in customer's own data for storefronts; search, the 360 view,
 * password resets and erasure for customer service.
 */
@Component(service = DepartmentRoutes.class)
public class CustomersRoutes implements DepartmentRoutes {

    /** The admin role that grants customers' admin routes. */
    public static final String ROLE = "customer-service";

    private static final Logger LOG = LoggerFactory.getLogger(CustomersRoutes.class);

    /** A sign-up: the password and the profile. */
    public record SignUpBody(String email, String password, String givenName, String familyName, String placeOfOrigin,
                             LocalDate birthday, String language, String phone, Messaging messaging, List<Address> addresses) {
    }

    /** A sign-in. */
    public record SignInBody(String email, String password) {
    }

    /** What sign-up answers: the new customer, signed in. */
    public record SignedUp(CustomerProfile customer, String token, Instant expiresAt) {
    }

    /** A consent decision as the customer (or an agent) sends it; {@code channels} omitted means every channel. */
    public record ConsentBody(String purpose, List<ContactChannel> channels, Boolean granted, String explanation) {
    }

    /** The customer's consents: the purposes asked about, the decisions in force and the whole ledger. */
    public record Consents(List<String> purposes, List<ConsentState> current, List<ConsentRecord> history) {
    }

    /**
     * The 360 view of a customer: the profile, whether they buy as a consumer (B2C) or for a company (B2B, with the
     * company and role), the buying habits, the reach and the consents with their history.
     */
    public record CustomerView(CustomerProfile profile, String kind, CompanyBook.Membership company, BuyingHabits habits,
                               CustomerReach reach, List<ConsentState> consents, List<ConsentRecord> consentHistory) {
    }

    /** A member's role in a company: buyer, approver or admin. */
    public record MemberBody(String role) {
    }

    /** A storefront's "I forgot my password". */
    public record ResetRequestBody(String email) {
    }

    /** A new password with a reset token. */
    public record ResetBody(String token, String password) {
    }

    /** The social profiles to keep, replacing the ones entered before ({@code []} removes them all). */
    public record SocialProfilesBody(List<ReachBook.SocialProfileInput> profiles) {
    }

    /** When a customer was erased. */
    public record Erased(String customerId, Instant erasedAt) {
    }

    private final CustomersService customers;

    @Activate
    public CustomersRoutes(@Reference CustomersService customers) {
        this.customers = customers;
    }

    @Override
    public String department() {
        return CustomerEvents.DEPARTMENT;
    }

    @Override
    public List<Route> routes() {
        String me = "/api/customers/me";
        String admin = "/api/admin/customers";
        return List.of(
                Route.open(HttpMethod.POST, "/api/customers/sign-up", "Create a customer account; answers a session token", this::signUp),
                Route.open(HttpMethod.POST, "/api/customers/sign-in", "Sign in with email and password; answers a session token", this::signIn),
                Route.customer(HttpMethod.POST, "/api/customers/sign-out", "End the session of the token presented", this::signOut),
                Route.open(HttpMethod.POST, "/api/customers/password-reset", "Ask for a password reset (always 202)", this::requestReset),
                Route.open(HttpMethod.POST, "/api/customers/password-reset/confirm", "Set a new password with a reset token", this::reset),
                Route.open(HttpMethod.GET, "/api/customers/consent-purposes", "The purposes customers may consent to", r -> customers.purposes()),
                Route.customer(HttpMethod.GET, me, "The signed-in customer's profile", r -> profile(customerId(r))),
                Route.customer(HttpMethod.PUT, me, "Replace the signed-in customer's profile", this::updateProfile),
                Route.customer(HttpMethod.DELETE, me, "Erase the signed-in customer's personal data", r -> erase(customerId(r), ConsentSource.STOREFRONT)),
                Route.customer(HttpMethod.GET, me + "/consents", "The signed-in customer's consents and their history", r -> consents(customerId(r))),
                Route.customer(HttpMethod.POST, me + "/consents", "Grant or withdraw a consent", r -> recordConsent(r, customerId(r), ConsentSource.STOREFRONT)),
                Route.customer(HttpMethod.GET, me + "/export", "Everything the customers department holds on the signed-in customer",
                        r -> customers.rights().export(customerId(r))),
                Route.customer(HttpMethod.GET, me + "/reach", "The signed-in customer's social profiles and influence score",
                        r -> reach(customerId(r))),
                Route.customer(HttpMethod.PUT, me + "/social-profiles", "Replace the signed-in customer's social profiles",
                        r -> customers.reachBook().replace(customerId(r), r.body(SocialProfilesBody.class).profiles(), ConsentSource.STOREFRONT)),
                Route.customer(HttpMethod.GET, me + "/habits", "The signed-in customer's buying habits, learned from their orders",
                        r -> habits(customerId(r))),
                Route.admin(HttpMethod.GET, admin + "/{id}/habits", ROLE, "A customer's buying habits, learned from their orders",
                        r -> habits(r.pathParam("id"))),
                Route.admin(HttpMethod.GET, admin + "/{id}/reach", ROLE, "A customer's social profiles and influence score",
                        r -> reach(r.pathParam("id"))),
                Route.admin(HttpMethod.PUT, admin + "/{id}/social-profiles", ROLE, "Replace a customer's social profiles on the customer's word",
                        r -> customers.reachBook().replace(r.pathParam("id"), r.body(SocialProfilesBody.class).profiles(), ConsentSource.AGENT)),
                Route.customer(HttpMethod.GET, me + "/company", "The signed-in customer's company, its members and shared addresses (B2B)",
                        r -> myCompany(customerId(r))),
                Route.admin(HttpMethod.GET, admin + "/companies", ROLE, "Every company account, by name", r -> customers.companies().list()),
                Route.admin(HttpMethod.POST, admin + "/companies", ROLE, "Open a company account (name, taxId, country, addresses)",
                        r -> companyCreated(customers.companies().create(r.body(CompanyBook.CompanyInput.class)))),
                Route.admin(HttpMethod.GET, admin + "/companies/{companyId}", ROLE, "A company with its members and addresses",
                        r -> company(r.pathParam("companyId"))),
                Route.admin(HttpMethod.PUT, admin + "/companies/{companyId}", ROLE, "Replace a company's name, tax id, country and addresses",
                        r -> customers.companies().update(r.pathParam("companyId"), r.body(CompanyBook.CompanyInput.class))),
                Route.admin(HttpMethod.PUT, admin + "/companies/{companyId}/members/{customerId}", ROLE,
                        "Make a customer a member of the company with a role (buyer, approver, admin), or change the role",
                        r -> customers.companies().setMember(r.pathParam("companyId"), r.pathParam("customerId"), r.body(MemberBody.class).role())),
                Route.admin(HttpMethod.DELETE, admin + "/companies/{companyId}/members/{customerId}", ROLE, "Remove a member from the company",
                        r -> {
                            customers.companies().removeMember(r.pathParam("companyId"), r.pathParam("customerId"));
                            return RouteResponse.noContent();
                        }),
                Route.admin(HttpMethod.GET, admin + "/segments", ROLE, "The segments and their rules", r -> customers.segments().list()),
                Route.admin(HttpMethod.PUT, admin + "/segments/{code}", ROLE, "Define or replace a segment (name, description, rules)",
                        r -> customers.segments().define(r.pathParam("code"), r.body(SegmentBook.SegmentInput.class))),
                Route.admin(HttpMethod.DELETE, admin + "/segments/{code}", ROLE, "Delete a segment", r -> {
                    customers.segments().delete(r.pathParam("code"));
                    return RouteResponse.noContent();
                }),
                Route.admin(HttpMethod.GET, admin + "/segments/{code}/members", ROLE, "The customers a segment selects now, paged",
                        r -> customers.segments().members(r.pathParam("code"), r.page())),
                Route.admin(HttpMethod.GET, admin, ROLE, "Find customers by the start of their email or name (q), paged", this::search),
                Route.admin(HttpMethod.GET, admin + "/{id}", ROLE, "The 360 view: profile, B2B or B2C, habits, reach, consents",
                        r -> view(r.pathParam("id"))),
                Route.admin(HttpMethod.POST, admin + "/{id}/consents", ROLE, "Record a consent decision the customer told an agent",
                        r -> recordConsent(r, r.pathParam("id"), ConsentSource.AGENT)),
                Route.admin(HttpMethod.POST, admin + "/{id}/password-reset", ROLE, "Issue a password reset token to hand to the customer",
                        r -> RouteResponse.created(admin + "/" + r.pathParam("id"), customers.sessions().issueReset(r.pathParam("id")))),
                Route.admin(HttpMethod.GET, admin + "/{id}/export", ROLE, "Everything the customers department holds on a customer",
                        r -> customers.rights().export(r.pathParam("id"))),
                Route.admin(HttpMethod.DELETE, admin + "/{id}", ROLE, "Erase a customer's personal data", r -> erase(r.pathParam("id"), ConsentSource.AGENT)));
    }

    private Object signUp(RouteRequest r) {
        SignUpBody b = r.body(SignUpBody.class);
        CustomerProfile p = customers.customers().register(new ProfileInput(b.email(), b.givenName(), b.familyName(),
                b.placeOfOrigin(), b.birthday(), b.language(), b.phone(), b.messaging(), b.addresses()), b.password());
        SessionBook.Session s = customers.sessions().open(p.id());
        return RouteResponse.created("/api/customers/me", new SignedUp(p, s.token(), s.expiresAt()));
    }

    private Object signIn(RouteRequest r) {
        SignInBody b = r.body(SignInBody.class);
        return customers.throttle().guard(b.email(), r.remoteAddress(), () -> customers.sessions().signIn(b.email(), b.password()));
    }

    private Object signOut(RouteRequest r) {
        customers.sessions().signOut(r.header("Authorization").map(h -> h.substring(Math.min(h.length(), "Bearer ".length())).trim()).orElse(""));
        return RouteResponse.noContent();
    }

    /**
     * Never says whether the email has an account. No mail is sent yet: the request is logged (customer id, never the
     * email or a token) and customer service issues the token through the admin route.
     */
    private Object requestReset(RouteRequest r) {
        ResetRequestBody b = r.body(ResetRequestBody.class);
        customers.sessions().activeCustomerWithEmail(b.email())
                .ifPresent(id -> LOG.info("Password reset requested for customer {} from {}", id, r.remoteAddress()));
        return RouteResponse.accepted(null);
    }

    private Object reset(RouteRequest r) {
        ResetBody b = r.body(ResetBody.class);
        customers.sessions().resetPassword(b.token(), b.password());
        return RouteResponse.noContent();
    }

    private Object updateProfile(RouteRequest r) {
        return customers.customers().update(customerId(r), r.body(ProfileInput.class));
    }

    private Object recordConsent(RouteRequest r, String customerId, ConsentSource source) {
        ConsentBody b = r.body(ConsentBody.class);
        customers.record(new ConsentChange(customerId, b.purpose(), b.channels(), b.granted(), source, b.explanation()));
        return RouteResponse.created("/api/customers/me/consents", consents(customerId));
    }

    private Consents consents(String customerId) {
        profile(customerId);
        return new Consents(customers.purposes(), customers.current(customerId), customers.history(customerId));
    }

    private Object search(RouteRequest r) {
        return customers.customers().search(r.query("q").orElse(""), r.page());
    }

    private CustomerView view(String id) {
        return view(customers, id).orElseThrow(() -> new NotFoundException("no customer " + id));
    }

    /** The 360 view, shared with {@code customers:show}. */
    public static java.util.Optional<CustomerView> view(CustomersService customers, String id) {
        return customers.find(id).map(p -> {
            CompanyBook.Membership company = customers.companies().membership(id).orElse(null);
            return new CustomerView(p, company == null ? "B2C" : "B2B", company, customers.habits(id).orElse(null),
                    customers.reach(id).orElse(null), customers.current(id), customers.history(id));
        });
    }

    private Object myCompany(String customerId) {
        CompanyBook.Membership m = customers.companies().membership(customerId)
                .orElseThrow(() -> new NotFoundException("you buy as a consumer: your account belongs to no company"));
        return company(m.companyId());
    }

    private Object company(String companyId) {
        return customers.companies().find(companyId).orElseThrow(() -> new NotFoundException("no company " + companyId));
    }

    private Object companyCreated(CompanyBook.CompanyView v) {
        return RouteResponse.created("/api/admin/customers/companies/" + v.company().id(), v);
    }

    private Object habits(String id) {
        return customers.habits(id).orElseThrow(() -> new NotFoundException("no customer " + id));
    }

    private Object reach(String id) {
        return customers.reach(id).orElseThrow(() -> new NotFoundException("no customer " + id));
    }

    private Object erase(String customerId, ConsentSource source) {
        return new Erased(customerId, customers.rights().erase(customerId, source));
    }

    private CustomerProfile profile(String id) {
        return customers.find(id).orElseThrow(() -> new NotFoundException("no customer " + id));
    }

    private static String customerId(RouteRequest r) {
        return r.caller().orElseThrow(() -> new UnauthorizedException("sign in to use this route")).id();
    }
}
