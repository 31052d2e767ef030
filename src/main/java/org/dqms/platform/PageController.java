package org.dqms.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Controller;

/**
 * A controller that renders pages (Thymeleaf) rather than JSON: it gets the pages' common model,
 * such as who is signed in, and its errors show as a page. Pages exist only in the running server,
 * never in a command.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Controller
@ServerOnly
public @interface PageController {

    @AliasFor(annotation = Controller.class)
    String value() default "";
}
