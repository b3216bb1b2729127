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
    Users users;

    /** Adds a sales-rep caller to the pool (or refreshes their name and e-mail). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void enrol(Actor actor) {
        reps.enrol(actor.id(), actor.name(), actor.email() == null ? "" : actor.email());
    }

    @Transactional
    public SalesRepProfile putCoverage(UUID userId, CoverageRequest request) {
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
        reps.putCoverage(userId, user.name() == null ? "" : user.name(), user.email() == null ? "" : user.email(), codes,
                request.active() == null || request.active());
        return profile(userId);
    }

    public SalesRepProfile profile(UUID userId) {
        return reps.profile(userId).orElseThrow(() -> ProblemException.notFound("Sales representative " + userId));
    }

    public Page<SalesRepProfile> list(PageParams page) {
        List<String> after = Cursors.decode(page.cursor, 1);
        return Page.of(reps.page(after == null ? null : Cursors.uuid(after.get(0)), page.limit + 1), page.limit, r -> r,
                r -> Cursors.encode(r.userId()));
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
