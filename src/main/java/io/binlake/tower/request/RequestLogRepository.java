package io.binlake.tower.request;

import org.springframework.data.jpa.repository.JpaRepository;

interface RequestLogRepository extends JpaRepository<RequestLogEntry, String> {
}
