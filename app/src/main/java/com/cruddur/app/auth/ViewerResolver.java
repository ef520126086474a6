package com.cruddur.app.auth;

import com.cruddur.kernel.Viewer;

/** Decides who a request comes from, given its {@code Authorization} header (null when absent). */
@FunctionalInterface
public interface ViewerResolver {

    Viewer resolve(String authorizationHeader);

    /** Until tokens are verified, every request is anonymous. */
    static ViewerResolver anonymousOnly() {
        return header -> Viewer.anonymous();
    }
}
