package io.merchantdesk.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Native-image readiness: every JSON type of the REST API (request bodies, return types, documented response
 * schemas and what they contain) is registered for reflection, on itself or on its enclosing holder class
 * (nested classes are registered too). Hibernate entities and JWT classes are registered by their Quarkus
 * extensions. Enforced for the packages below; a capability is added here once its DTOs are annotated
 * (see docs/operations.md, "Native image").
 */
class NativeReflectionTest {
    static final List<String> ENFORCED = List.of("io.merchantdesk.");
    static final List<Class<? extends Annotation>> HTTP_METHODS = List.of(GET.class, POST.class, PUT.class, PATCH.class, DELETE.class);
    static final List<Class<? extends Annotation>> NOT_A_BODY = List.of(PathParam.class, QueryParam.class, HeaderParam.class,
            BeanParam.class, CookieParam.class, FormParam.class, Context.class);

    @Test
    @DisplayName("every JSON type of the API is registered for reflection")
    void jsonTypesAreRegistered() throws Exception {
        Set<Class<?>> found = new java.util.HashSet<>();
        Set<Class<?>> documented = new java.util.HashSet<>();
        for (Class<?> type : compiledClasses()) {
            if (type.isAnnotationPresent(Schema.class)) collect(type, documented);
            for (Method method : type.getDeclaredMethods()) {
                if (HTTP_METHODS.stream().noneMatch(method::isAnnotationPresent)) continue;
                collect(method.getGenericReturnType(), found);
                for (Parameter parameter : method.getParameters()) {
                    if (NOT_A_BODY.stream().noneMatch(parameter::isAnnotationPresent)) collect(parameter.getParameterizedType(), found);
                }
                for (APIResponse response : method.getAnnotationsByType(APIResponse.class)) {
                    for (Content content : response.content()) collect(content.schema().implementation(), documented);
                }
            }
        }
        // Shapes declared inside a resource class only to document a response (e.g. StorePage for Page<StoreView>)
        // are never serialised; what they contain is.
        documented.stream().filter(t -> t.getEnclosingClass() == null || !t.getEnclosingClass().isAnnotationPresent(jakarta.ws.rs.Path.class))
                .forEach(found::add);
        Set<String> names = new TreeSet<>(found.stream().map(Class::getName).toList());
        // discovery works: the central types are found
        for (String expected : List.of("io.merchantdesk.kernel.error.Problem", "io.merchantdesk.identity.UserView",
                "io.merchantdesk.organizations.StoreDtos$StoreView", "io.merchantdesk.organizations.OrganizationDtos$OrganizationView",
                "io.merchantdesk.kernel.paging.Page")) {
            assertTrue(names.contains(expected), "found " + expected + " among " + names);
        }
        Set<String> missing = new TreeSet<>();
        Set<String> later = new TreeSet<>();
        for (Class<?> type : found) {
            if (registered(type)) continue;
            (ENFORCED.stream().anyMatch(type.getName()::startsWith) ? missing : later).add(type.getName());
        }
        if (!later.isEmpty()) System.out.println("Not yet registered for reflection (package not enforced yet): " + later);
        assertEquals(Set.of(), missing, "add @RegisterForReflection to these types (or to their enclosing holder class)");
    }

    static boolean registered(Class<?> type) {
        if (type.isAnnotationPresent(RegisterForReflection.class)) return true;
        for (Class<?> outer = type.getEnclosingClass(); outer != null; outer = outer.getEnclosingClass()) {
            RegisterForReflection registration = outer.getAnnotation(RegisterForReflection.class);
            if (registration != null && !registration.ignoreNested()) return true;
        }
        return false;
    }

    static void collect(Type type, Set<Class<?>> found) {
        if (type instanceof ParameterizedType parameterized) {
            collect(parameterized.getRawType(), found);
            for (Type argument : parameterized.getActualTypeArguments()) collect(argument, found);
        } else if (type instanceof GenericArrayType array) {
            collect(array.getGenericComponentType(), found);
        } else if (type instanceof WildcardType wildcard) {
            for (Type bound : wildcard.getUpperBounds()) collect(bound, found);
        } else if (type instanceof Class<?> c) {
            if (c.isArray()) {
                collect(c.getComponentType(), found);
                return;
            }
            if (!c.getName().startsWith("io.merchantdesk.") || c.isEnum() || c.isInterface() || !found.add(c)) return;
            if (c.isRecord()) {
                for (RecordComponent component : c.getRecordComponents()) collect(component.getGenericType(), found);
            } else {
                for (var field : c.getDeclaredFields()) {
                    if (!java.lang.reflect.Modifier.isStatic(field.getModifiers())) collect(field.getGenericType(), found);
                }
            }
        }
    }

    static List<Class<?>> compiledClasses() throws IOException {
        Path root = Path.of("target", "classes");
        try (Stream<Path> files = Files.walk(root.resolve("io").resolve("merchantdesk"))) {
            return files.filter(f -> f.toString().endsWith(".class")).map(f -> root.relativize(f).toString())
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
                    .map(NativeReflectionTest::load).toList();
        }
    }

    static Class<?> load(String name) {
        try {
            return Class.forName(name, false, NativeReflectionTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
