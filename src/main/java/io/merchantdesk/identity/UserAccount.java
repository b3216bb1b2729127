package io.merchantdesk.identity;

import io.merchantdesk.kernel.persistence.BaseEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A person known by the subject of their bearer token. */
@Entity
@Table(name = "users")
public class UserAccount extends BaseEntity {
    public String subject;
    public String email;
    public String name;
}
