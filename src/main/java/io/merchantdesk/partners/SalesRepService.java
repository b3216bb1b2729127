package io.merchantdesk.partners;

import io.merchantdesk.kernel.contact.Countries;
import io.merchantdesk.kernel.error.FieldError;
import io.merchantdesk.kernel.error.ProblemException;
import io.merchantdesk.kernel.paging.Cursors;
import io.merchantdesk.kernel.paging.Page;
import io.merchantdesk.kernel.paging.PageParams;
import io.merchantdesk.kernel.security.Users;
import io.merchantdesk.kernel.security.Users.UserFacts;
import io.merchantdesk.partners.PartnerDtos.CoverageRequest;
import io.merchantdesk.partners.PartnerDtos.SalesRepProfile;
import io.merchantdesk.partners.SalesRepRepository.Pick;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The sales representatives a lead can be assigned to, and the assignment rule.
 * <p>Roles live in tokens, not in the database, so the pool is built from what the service sees: a
 * caller with the {@code sales-rep} role joins it on their first sales call, and a platform-admin can
 * register a user and set the countries they cover. Assignment rule (documented in docs/partners.md):
 * among active representatives covering the lead's country, the one with the fewest open leads; when
 * nobody covers the country, the active representative with the fewest open leads; ties go to the
 * lowest user id. The chosen row is locked, so concurrent submissions see each other's counts.
 */
@ApplicationScoped
public class SalesRepService {

    @Inject
    SalesRepRepository reps;

    @Inject
    LeadRepository leads;

    @Inject
    Users users;

    /** Adds a sales-rep caller to the pool (or refreshes their name and e-mail). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void enrol(Actor actor) {
        reps.enrol(actor.id(), actor.name(), actor.email() == null ? "" : actor.email());
    }

    /**
     * Registers or updates a representative. Issue 15: an active representative immediately gets every
     * queued lead of the countries they cover (one set-based statement, an ASSIGNMENT timeline entry each).
     */
    @Transactional
    public SalesRepProfile putCoverage(Actor actor, UUID userId, CoverageRequest request) {
        List<FieldError> errors = new ArrayList<>();
        List<String> countries = request.countries().stream().map(c -> c == null ? "" : c.trim().toUpperCase(Locale.ROOT)).toList();
        for (int i = 0; i < countries.size(); i++) {
            if (!Countries.isIso(countries.get(i))) {
                errors.add(new FieldError("countries[" + i + "]", "'" + request.countries().get(i) + "' is not an ISO 3166-1 alpha-2 code"));
            }
        }
        if (!errors.isEmpty()) throw ProblemException.badRequest("INVALID_COUNTRY", "Countries must be ISO 3166-1 alpha-2 codes", errors);
        UserFacts user = users.find(userId).orElseThrow(() -> ProblemException.notFound("User " + userId));
        String[] codes = countries.stream().distinct().sorted().toArray(String[]::new);
        boolean active = request.active() == null || request.active();
        String name = user.name() == null ? "" : user.name();
        String email = user.email() == null ? "" : user.email();
        reps.putCoverage(userId, name, email, codes, active);
        if (active && codes.length > 0) {
            int assigned = leads.assignQueued(userId, name, email, codes, actor.id(), actor.name(),
                    "Assigned from the queue to " + name + ", who now covers the lead's country");
            if (assigned > 0) reps.adjustOpen(userId, assigned);
        }
        return profile(userId);
    }

    public SalesRepProfile profile(UUID userId) {
        return reps.profile(userId).orElseThrow(() -> ProblemException.notFound("Sales representative (user " + userId + ")"));
    }

    public Page<SalesRepProfile> list(PageParams page) {
        List<String> after = Cursors.decode(page.cursor, 1);
        return Page.of(reps.page(after == null ? null : Cursors.uuid(after.get(0)), page.limit + 1), page.limit, r -> r,
                r -> Cursors.encode(r.userId()));
    }

    /** Issue 15: the representative a lead is (re)assigned to, locked; 422 when not in the pool or not active. */
    @Transactional(Transactional.TxType.MANDATORY)
    public SalesRepProfile lockActive(UUID userId) {
        SalesRepProfile rep = reps.lock(userId).orElseThrow(() -> ProblemException.rule("SALES_REP_NOT_FOUND",
                "No sales representative " + userId + " in the pool; register them with PUT /sales/reps/{userId}",
                List.of(new FieldError("salesRepId", "is not a sales representative"))));
        if (!rep.active()) {
            throw ProblemException.rule("SALES_REP_INACTIVE", "The sales representative " + rep.name() + " is inactive and gets no leads",
                    List.of(new FieldError("salesRepId", "is inactive")));
        }
        return rep;
    }

    /** Moves one open lead's weight from one representative (null: the queue) to another, counters updated in user-id order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void move(UUID from, UUID to) {
        if (from != null && from.compareTo(to) < 0) {
            reps.adjustOpen(from, -1);
            reps.adjustOpen(to, +1);
        } else {
            reps.adjustOpen(to, +1);
            if (from != null) reps.adjustOpen(from, -1);
        }
    }

    /** Picks and locks the representative for a new lead in the given country (empty when the pool has nobody active). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Pick> assign(String country) {
        Optional<Pick> pick = reps.pick(country);
        pick.ifPresent(p -> reps.adjustOpen(p.rep().userId(), +1));
        return pick;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void adjustOpen(UUID repId, int delta) {
        if (repId == null) return;
        reps.adjustOpen(repId, delta);
    }
}
