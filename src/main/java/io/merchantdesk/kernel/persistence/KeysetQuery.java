package io.merchantdesk.kernel.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A keyset page through JPQL, native SQL or plain JDBC ({@link JdbcReads}): the repository's base query (its own
 * tables, its own named parameters),
 * conditions that apply only when their value is given (a filter, the cursor), then the order and the page size.
 * The repository writes every piece of the text; this class only joins them and binds what applies.
 */
public final class KeysetQuery {
    private final StringBuilder text;
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    private KeysetQuery(String base) {
        this.text = new StringBuilder(base);
    }

    /** {@code base}: the query up to and including its WHERE conditions that always apply. */
    public static KeysetQuery of(String base) {
        return new KeysetQuery(base);
    }

    /** Binds a named parameter of the base query. */
    public KeysetQuery with(String name, Object value) {
        parameters.put(name, value);
        return this;
    }

    /** Adds {@code " AND " + condition} with {@code :name} bound to {@code value}, only when the value is not null. */
    public KeysetQuery andIf(Object value, String condition, String name) {
        if (value != null) {
            text.append(" AND ").append(condition);
            parameters.put(name, value);
        }
        return this;
    }

    /** Up to {@code limit} entities in {@code orderBy} order, by JPQL. */
    public <T> List<T> list(EntityManager em, Class<T> type, String orderBy, int limit) {
        var query = em.createQuery(text + " ORDER BY " + orderBy, type);
        parameters.forEach(query::setParameter);
        return query.setMaxResults(limit).getResultList();
    }

    /** Up to {@code limit} rows in {@code orderBy} order, by plain JDBC (the hot read paths), mapped by the repository. */
    public <T> List<T> list(JdbcReads jdbc, String orderBy, int limit, JdbcReads.RowMapper<T> mapper) {
        Map<String, Object> values = new LinkedHashMap<>(parameters);
        values.put("keysetLimit", limit);
        return jdbc.list(text + " ORDER BY " + orderBy + " LIMIT :keysetLimit", values, mapper);
    }

    /** Up to {@code limit} entities in {@code orderBy} order, by native SQL. */
    @SuppressWarnings("unchecked")
    public <T> List<T> listNative(EntityManager em, Class<T> type, String orderBy, int limit) {
        Query query = em.createNativeQuery(text + " ORDER BY " + orderBy, type);
        parameters.forEach(query::setParameter);
        return query.setMaxResults(limit).getResultList();
    }
}
