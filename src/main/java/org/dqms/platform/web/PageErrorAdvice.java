package org.dqms.platform.web;

import org.dqms.platform.ConflictException;
import org.dqms.platform.ForbiddenException;
import org.dqms.platform.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * A page's failure is a page, in the visitor's language, never a JSON body or a stack trace. Placed
 * before {@link ProblemDetailsAdvice}, which answers the API's controllers.
 */
@ControllerAdvice(annotations = PageController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(PageErrorAdvice.class);

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound() {
        return page(HttpStatus.NOT_FOUND);
    }

    @ExceptionHandler(ForbiddenException.class)
    ModelAndView forbidden() {
        return page(HttpStatus.FORBIDDEN);
    }

    @ExceptionHandler(ConflictException.class)
    ModelAndView conflict() {
        return page(HttpStatus.CONFLICT);
    }

    /** A path whose id is not a number names no page. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView badPath() {
        return page(HttpStatus.NOT_FOUND);
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e) {
        if (e instanceof ErrorResponse known) {
            return page(HttpStatus.valueOf(known.getStatusCode().value()));
        }
        log.error("Unexpected failure on a page", e);
        return page(HttpStatus.INTERNAL_SERVER_ERROR);
    }

    private static ModelAndView page(HttpStatus status) {
        ModelAndView page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        return page;
    }
}
