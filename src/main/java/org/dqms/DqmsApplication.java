package org.dqms;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class DqmsApplication {
    public static void main(String[] args) {
        SpringApplication.run(DqmsApplication.class, args);
    }
}
