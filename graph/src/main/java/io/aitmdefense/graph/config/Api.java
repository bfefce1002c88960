package io.aitmdefense.graph.config;

/** The Microsoft APIs the product calls; each has its own host and token audience. */
public enum Api {
    GRAPH, EXCHANGE, MANAGEMENT
}
