/**
 * What every module's pages share: the {@link org.dqms.platform.web.FormErrors} for forms, the pages' languages and error handling.
 * Exposed as the {@code web} interface of the platform module, so that each feature module keeps
 * its own page controllers.
 */
@NamedInterface("web")
package org.dqms.platform.web;

import org.springframework.modulith.NamedInterface;
