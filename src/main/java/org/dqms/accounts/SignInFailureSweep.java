package org.dqms.accounts;

import org.dqms.platform.ServerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes failure counts that no longer matter, so that the emails people tried do not pile up. */
@Component
@ServerOnly
class SignInFailureSweep {

    private static final Logger log = LoggerFactory.getLogger(SignInFailureSweep.class);

    private final SignInFailures failures;

    SignInFailureSweep(SignInFailures failures) {
        this.failures = failures;
    }

    @Scheduled(fixedDelay = 3_600_000, initialDelay = 600_000)
    void sweep() {
        int deleted = failures.forgetOld();
        if (deleted > 0) {
            log.debug("Forgot {} old sign-in failure counts", deleted);
        }
    }
}
