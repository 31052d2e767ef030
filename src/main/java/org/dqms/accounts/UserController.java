package org.dqms.accounts;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import org.dqms.platform.Actor;
import org.dqms.platform.PageView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Staff accounts, managed by administrators: /api/v1/users. Administrators only: no rule in
 * AuthorizationRules names these paths, so they fall under its ADMIN-only default.
 */
@RestController
@RequestMapping("/api/v1/users")
class UserController {

    private final AccountService accounts;

    UserController(AccountService accounts) {
        this.accounts = accounts;
    }

    @PostMapping
    ResponseEntity<UserView> create(Actor actor, @Valid @RequestBody UserRequests.Create request) {
        UserAccount account = accounts.createStaff(
                actor,
                request.email(),
                request.name(),
                Role.valueOf(request.role()),
                request.departmentIds(),
                request.doctorId(),
                request.password());
        URI location = ServletUriComponentsBuilder.fromCurrentRequest()
                .path("/{id}")
                .buildAndExpand(account.id())
                .toUri();
        return ResponseEntity.created(location).body(UserView.of(new ManagedAccount(account, true)));
    }

    /** Every account by id, a page at a time; {@code role} keeps those of one role. */
    @GetMapping
    PageView<UserView> list(
            @RequestParam(required = false) Role role,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return accounts.page(role, page, size).map(UserView::of);
    }

    @GetMapping("/{id}")
    UserView get(@PathVariable long id) {
        return UserView.of(accounts.get(id));
    }

    @PutMapping("/{id}/role")
    UserView changeRole(Actor actor, @PathVariable long id, @Valid @RequestBody UserRequests.ChangeRole request) {
        return UserView.of(accounts.changeRole(
                actor, id, Role.valueOf(request.role()), request.departmentIds(), request.doctorId()));
    }

    @PutMapping("/{id}/enabled")
    UserView setEnabled(Actor actor, @PathVariable long id, @Valid @RequestBody UserRequests.SetEnabled request) {
        return UserView.of(accounts.setEnabled(actor, id, request.enabled()));
    }
}
