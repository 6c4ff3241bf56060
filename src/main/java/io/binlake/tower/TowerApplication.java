package io.binlake.tower;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class TowerApplication {
    public static void main(String[] args) {
        SpringApplication.run(TowerApplication.class, args);
    }
}
