package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.ConditionalAccessPolicy;

/** Whether one policy's assignments and conditions cover a sign-in (state is not considered here). */
@FunctionalInterface
public interface PolicyMatcher {
    boolean applies(ConditionalAccessPolicy policy, SignInCase signIn);
}
