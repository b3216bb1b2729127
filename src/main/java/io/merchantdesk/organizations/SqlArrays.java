package io.merchantdesk.organizations;

import io.merchantdesk.kernel.access.Permission;
import java.util.Arrays;
import java.util.List;

/** Reads the {@code text[]} permission columns of the package's tables, whatever array type the driver hands back. */
final class SqlArrays {
    private SqlArrays() {}

    /** The strings of a text[] value; null stays null (no row joined). */
    static List<String> strings(Object sqlArray) {
        if (sqlArray == null) return null;
        if (sqlArray instanceof String[] a) return List.of(a);
        if (sqlArray instanceof Object[] a) return Arrays.stream(a).map(String::valueOf).toList();
        if (sqlArray instanceof java.sql.Array a) {
            try {
                return strings(a.getArray());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("Unexpected array type " + sqlArray.getClass());
    }

    static List<Permission> permissions(Object sqlArray) {
        List<String> names = strings(sqlArray);
        return names == null ? List.of() : names.stream().map(Permission::valueOf).toList();
    }

    /** Permission names sorted and listed once, as the text[] columns store them. */
    static String[] names(List<Permission> permissions) {
        return permissions.stream().distinct().map(Enum::name).sorted().toArray(String[]::new);
    }
}
