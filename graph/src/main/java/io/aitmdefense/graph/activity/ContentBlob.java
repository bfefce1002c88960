package io.aitmdefense.graph.activity;

import java.net.URI;

/**
 * One entry of {@code subscriptions/content}: a blob of audit records ready to fetch until {@code contentExpiration}.
 * Times are kept as the service writes them ({@code 2015-05-23T17:35:00.000Z}).
 */
public record ContentBlob(String contentType, String contentId, URI contentUri, String contentCreated,
                          String contentExpiration) {
}
