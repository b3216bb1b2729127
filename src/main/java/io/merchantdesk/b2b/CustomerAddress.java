package io.merchantdesk.b2b;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.UuidGenerator;

/** One address of a customer; exactly one is the default when the customer has any. */
@Entity
@Table(name = "customer_addresses")
public class CustomerAddress extends PanacheEntityBase {
    @Id
    @UuidGenerator(style = UuidGenerator.Style.VERSION_7)
    public UUID id;

    @Column(nullable = false, updatable = false)
    public UUID customerId;
    public String firstName;
    public String lastName;
    public String company;
    public String address1;
    public String address2;
    public String city;
    public String provinceCode;
    public String province;
    public String countryCode;
    public String zip;
    public String phone;
    public boolean isDefault;
    public int position;
}
