package io.merchantdesk.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The architecture of docs/architecture.md as executable rules: every table has one owning package, only that
 * package's SQL names it; SQL lives in repositories, never in services or resources; repositories are private to
 * their package; the kernel knows no capability; capabilities form no cycle.
 */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java/io/merchantdesk");

    /** Table -> the package (path under io/merchantdesk) that owns it. */
    static final Map<String, String> OWNERS = Map.ofEntries(
            Map.entry("users", "kernel/security"),
            Map.entry("idempotency_keys", "kernel/http"),
            Map.entry("outbox_messages", "kernel/outbox"),
            Map.entry("stores", "organizations"), Map.entry("organizations", "organizations"),
            Map.entry("organization_members", "organizations"), Map.entry("store_staff", "organizations"),
            Map.entry("payment_methods", "organizations"), Map.entry("permission_changes", "organizations"),
            Map.entry("store_invoices", "organizations"),
            Map.entry("customers", "b2b"), Map.entry("customer_addresses", "b2b"), Map.entry("orders", "b2b"),
            Map.entry("companies", "b2b"), Map.entry("company_locations", "b2b"), Map.entry("company_contacts", "b2b"),
            Map.entry("contact_location_roles", "b2b"), Map.entry("contact_migrations", "b2b"),
            Map.entry("partners", "partners"), Map.entry("partner_members", "partners"), Map.entry("leads", "partners"),
            Map.entry("lead_status_changes", "partners"), Map.entry("sales_reps", "partners"), Map.entry("referrals", "partners"),
            Map.entry("upgrade_invitations", "partners"),
            Map.entry("erp_companies", "sync"), Map.entry("erp_connections", "sync"), Map.entry("erp_country_templates", "sync"),
            Map.entry("erp_customer_templates", "sync"), Map.entry("erp_customers", "sync"), Map.entry("erp_orders", "sync"),
            Map.entry("customer_links", "sync"), Map.entry("sync_runs", "sync"), Map.entry("sync_run_errors", "sync"),
            Map.entry("sync_pending", "sync"), Map.entry("company_links", "sync"), Map.entry("location_links", "sync"),
            Map.entry("erp_ship_to_addresses", "sync"));

    private static final Pattern STRING = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);
    private static final Pattern TABLE_REF = Pattern.compile("\\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\\s+([a-z_][a-z0-9_]*)\\b");
    private static final Pattern SQL = Pattern.compile("\\b(SELECT\\s.+\\sFROM|INSERT\\s+INTO|UPDATE\\s+[a-z_]+\\s+SET|DELETE\\s+FROM)\\b", Pattern.DOTALL);

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.merchantdesk");
    }

    /** Every SQL string literal of the main sources, with the file it is in. */
    record SqlString(Path file, String text) {
        String owner() {
            String rel = SOURCES.relativize(file).toString().replace('\\', '/');
            return rel.substring(0, rel.lastIndexOf('/'));
        }
    }

    static List<SqlString> sqlStrings() throws IOException {
        List<SqlString> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                Matcher m = STRING.matcher(Files.readString(f));
                while (m.find()) {
                    String text = m.group(1) != null ? m.group(1) : m.group(2);
                    if (SQL.matcher(text).find()) found.add(new SqlString(f, text));
                }
            }
        }
        return found;
    }

    static List<String> ownershipViolations(List<SqlString> strings) {
        TreeSet<String> violations = new TreeSet<>();
        for (SqlString s : strings) {
            Matcher m = TABLE_REF.matcher(s.text());
            while (m.find()) {
                String owner = OWNERS.get(m.group(1));
                if (owner != null && !s.owner().equals(owner) && !s.owner().startsWith(owner + "/")) {
                    violations.add(SOURCES.relativize(s.file()) + " names " + m.group(1) + " (owned by " + owner + ")");
                }
            }
        }
        return new ArrayList<>(violations);
    }

    @Test
    @DisplayName("Each table is named only by the SQL of the package that owns it")
    void tablesAreNamedOnlyByTheirOwner() throws IOException {
        assertEquals(List.of(), ownershipViolations(sqlStrings()));
    }

    @Test
    @DisplayName("The ownership check catches a deliberate violation (a partners statement on B2B's orders)")
    void ownershipCheckCatchesAViolation() {
        SqlString planted = new SqlString(SOURCES.resolve("partners/LeadService.java"), "SELECT count(*) FROM orders o JOIN stores s ON s.id = o.store_id");
        assertEquals(List.of("partners/LeadService.java names orders (owned by b2b)", "partners/LeadService.java names stores (owned by organizations)"),
                ownershipViolations(List.of(planted)));
    }

    @Test
    @DisplayName("No service or resource holds a SQL string: SQL lives in repositories")
    void servicesAndResourcesHoldNoSql() throws IOException {
        List<String> offenders = sqlStrings().stream()
                .filter(s -> s.file().getFileName().toString().matches(".*(Service|Resource)\\.java"))
                .map(s -> SOURCES.relativize(s.file()).toString()).distinct().toList();
        assertEquals(List.of(), offenders);
    }

    @Test
    @DisplayName("No service or resource runs a query itself (bytecode: no EntityManager/JDBC query calls)")
    void servicesAndResourcesRunNoQueries() {
        noClasses().that().haveSimpleNameEndingWith("Service").or().haveSimpleNameEndingWith("Resource")
                .should().callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe("a query method of JPA or JDBC",
                        call -> {
                            String owner = call.getTargetOwner().getName();
                            String name = call.getName();
                            return (owner.equals("jakarta.persistence.EntityManager") && name.matches("create(Native)?Query"))
                                    || (owner.startsWith("java.sql.") && name.matches("prepareStatement|executeQuery|executeUpdate|createStatement"));
                        }))
                .check(classes);
    }

    @Test
    @DisplayName("Repositories are used only inside their own capability (e.g. sync's by sync, sync.run and sync.engine)")
    void repositoriesArePrivateToTheirPackage() {
        classes().that().haveSimpleNameEndingWith("Repository").should(new ArchCondition<>("be accessed only from their own capability") {
            @Override
            public void check(JavaClass repository, ConditionEvents events) {
                for (JavaAccess<?> access : repository.getAccessesToSelf()) {
                    if (!capability(access.getOriginOwner().getPackageName()).equals(capability(repository.getPackageName()))) {
                        events.add(SimpleConditionEvent.violated(access, access.getDescription()));
                    }
                }
            }
        }).allowEmptyShould(true).check(classes);
    }

    /** io.merchantdesk.sync.run -> sync; the kernel's parts count one by one (kernel.security, kernel.outbox, ...). */
    private static String capability(String pkg) {
        String[] parts = pkg.split("\\.");
        if (parts.length < 3) return pkg;
        return parts[2].equals("kernel") && parts.length > 3 ? "kernel." + parts[3] : parts[2];
    }

    @Test
    @DisplayName("The kernel depends on no capability")
    void kernelKnowsNoCapability() {
        noClasses().that().resideInAPackage("io.merchantdesk.kernel..")
                .should().dependOnClassesThat().resideInAnyPackage("io.merchantdesk.organizations..", "io.merchantdesk.b2b..",
                        "io.merchantdesk.partners..", "io.merchantdesk.sync..", "io.merchantdesk.identity..")
                .check(classes);
    }

    @Test
    @DisplayName("Capabilities form no dependency cycle")
    void noCyclesBetweenCapabilities() {
        slices().matching("io.merchantdesk.(*)..").should().beFreeOfCycles().check(classes);
    }
}
