package io.merchantdesk.kernel.paging;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The paging query parameters every list takes: bind with {@code @BeanParam @Valid PageParams page}. */
public class PageParams {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 250;

    @QueryParam("limit")
    @DefaultValue("50")
    @Min(1)
    @Max(MAX_LIMIT)
    @Parameter(description = "Page size, 1 to 250 (default 50)")
    public int limit = DEFAULT_LIMIT;

    @QueryParam("cursor")
    @Parameter(description = "The nextCursor of the previous page")
    public String cursor;

    public static PageParams of(int limit, String cursor) {
        PageParams p = new PageParams();
        p.limit = limit;
        p.cursor = cursor;
        return p;
    }
}
