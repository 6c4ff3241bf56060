-- Tower's own tables. Camunda creates its ACT_* tables itself in the same schema.
-- Ids are the original Tower's md5 hex formulas (tower-spec §1.4) so an existing Tower database can be imported;
-- natural unique keys and foreign keys are added where the original had none. No reserved words as table names.
-- Secrets (*_enc) hold AES-GCM ciphertext written by the application, never plain text.

CREATE TABLE tower_group (
    id          VARCHAR(32)  NOT NULL,
    name        VARCHAR(36)  NOT NULL,
    mark        VARCHAR(128) NOT NULL DEFAULT '',
    created_by  VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMP(3) NOT NULL,
    updated_at  TIMESTAMP(3) NOT NULL,
    version     BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uk_tower_group_name UNIQUE (name)
);

CREATE TABLE group_member (
    id          VARCHAR(32)  NOT NULL,
    group_id    VARCHAR(32)  NOT NULL,
    user_id     VARCHAR(64)  NOT NULL,
    role        VARCHAR(16)  NOT NULL,
    email       VARCHAR(128) NULL,
    org_name    VARCHAR(128) NULL,
    created_at  TIMESTAMP(3) NOT NULL,
    updated_at  TIMESTAMP(3) NOT NULL,
    version     BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uk_group_member UNIQUE (user_id, group_id),
    CONSTRAINT fk_group_member_group FOREIGN KEY (group_id) REFERENCES tower_group (id) ON DELETE CASCADE
);
CREATE INDEX ix_group_member_group ON group_member (group_id);

CREATE TABLE super_admin (
    user_id     VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (user_id)
);

CREATE TABLE dump_cluster (
    keyword                 VARCHAR(32)  NOT NULL,
    display_name            VARCHAR(128) NOT NULL,
    zk_servers              VARCHAR(255) NOT NULL,
    zk_path                 VARCHAR(128) NOT NULL,
    slave_id                BIGINT       NOT NULL,
    slave_uuid              VARCHAR(36)  NOT NULL,
    kafka_bootstrap_servers VARCHAR(512) NOT NULL,
    wave_dns                VARCHAR(255) NULL,
    dbs_provider            VARCHAR(16)  NOT NULL,
    dbs_api_url             VARCHAR(255) NULL,
    dbs_token_enc           VARCHAR(512) NULL,
    dbs_admin_user          VARCHAR(64)  NULL,
    dbs_admin_password_enc  VARCHAR(512) NULL,
    dump_user               VARCHAR(64)  NOT NULL,
    dump_password_enc       VARCHAR(512) NOT NULL,
    created_at              TIMESTAMP(3) NOT NULL,
    updated_at              TIMESTAMP(3) NOT NULL,
    version                 BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (keyword),
    CONSTRAINT uk_dump_cluster_zk UNIQUE (zk_servers, zk_path)
);

CREATE TABLE wave (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    cluster_keyword VARCHAR(32)  NOT NULL,
    ip              VARCHAR(45)  NOT NULL,
    created_at      TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_wave UNIQUE (cluster_keyword, ip),
    CONSTRAINT fk_wave_cluster FOREIGN KEY (cluster_keyword) REFERENCES dump_cluster (keyword) ON DELETE CASCADE
);

CREATE TABLE table_filter (
    id              VARCHAR(32)   NOT NULL,
    group_id        VARCHAR(32)   NOT NULL,
    name            VARCHAR(128)  NOT NULL,
    filter_type     VARCHAR(8)    NOT NULL,
    table_regex     VARCHAR(255)  NOT NULL,
    event_types     VARCHAR(160)  NOT NULL,
    kept_columns    VARCHAR(1024) NOT NULL DEFAULT '',
    nulled_columns  VARCHAR(1024) NOT NULL DEFAULT '',
    pseudo_columns  VARCHAR(1024) NOT NULL DEFAULT '',
    business_keys   VARCHAR(512)  NOT NULL DEFAULT '',
    created_at      TIMESTAMP(3)  NOT NULL,
    updated_at      TIMESTAMP(3)  NOT NULL,
    version         BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uk_table_filter UNIQUE (group_id, filter_type, table_regex),
    CONSTRAINT fk_table_filter_group FOREIGN KEY (group_id) REFERENCES tower_group (id) ON DELETE CASCADE
);

CREATE TABLE topic_rule (
    id                  VARCHAR(32)   NOT NULL,
    group_id            VARCHAR(32)   NOT NULL,
    name                VARCHAR(128)  NOT NULL,
    topic               VARCHAR(200)  NOT NULL,
    producer_class      VARCHAR(255)  NOT NULL,
    with_transaction    BOOLEAN       NOT NULL,
    order_type          VARCHAR(32)   NOT NULL,
    producer_properties VARCHAR(4000) NOT NULL DEFAULT '{}',
    created_at          TIMESTAMP(3)  NOT NULL,
    updated_at          TIMESTAMP(3)  NOT NULL,
    version             BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uk_topic_rule UNIQUE (topic, group_id),
    CONSTRAINT fk_topic_rule_group FOREIGN KEY (group_id) REFERENCES tower_group (id) ON DELETE CASCADE
);

CREATE TABLE topic_rule_filter (
    id              VARCHAR(32)  NOT NULL,
    topic_rule_id   VARCHAR(32)  NOT NULL,
    filter_id       VARCHAR(32)  NOT NULL,
    created_at      TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_topic_rule_filter UNIQUE (topic_rule_id, filter_id),
    CONSTRAINT fk_trf_rule FOREIGN KEY (topic_rule_id) REFERENCES topic_rule (id) ON DELETE CASCADE,
    CONSTRAINT fk_trf_filter FOREIGN KEY (filter_id) REFERENCES table_filter (id) ON DELETE CASCADE
);

CREATE TABLE mysql_instance (
    id              VARCHAR(32)   NOT NULL,
    group_id        VARCHAR(32)   NOT NULL,
    cluster_keyword VARCHAR(32)   NOT NULL,
    host            VARCHAR(255)  NOT NULL,
    port            INT           NOT NULL,
    slave_id        BIGINT        NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    dump_state      VARCHAR(16)   NOT NULL,
    dbs_order_id    VARCHAR(64)   NULL,
    dbs_order_url   VARCHAR(512)  NULL,
    requested_by    VARCHAR(64)   NOT NULL,
    status_actor    VARCHAR(64)   NULL,
    status_reason   VARCHAR(1024) NULL,
    created_at      TIMESTAMP(3)  NOT NULL,
    updated_at      TIMESTAMP(3)  NOT NULL,
    version         BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uk_mysql_instance UNIQUE (host, port),
    CONSTRAINT uk_mysql_instance_dbs_order UNIQUE (dbs_order_id),
    CONSTRAINT fk_instance_group FOREIGN KEY (group_id) REFERENCES tower_group (id),
    CONSTRAINT fk_instance_cluster FOREIGN KEY (cluster_keyword) REFERENCES dump_cluster (keyword)
);
CREATE INDEX ix_mysql_instance_group ON mysql_instance (group_id);
CREATE INDEX ix_mysql_instance_status ON mysql_instance (status);

CREATE TABLE instance_binding (
    id              VARCHAR(32)  NOT NULL,
    instance_id     VARCHAR(32)  NOT NULL,
    topic_rule_id   VARCHAR(32)  NOT NULL,
    storage_type    VARCHAR(16)  NOT NULL,
    convert_class   VARCHAR(255) NOT NULL,
    created_at      TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_instance_binding UNIQUE (instance_id, topic_rule_id),
    CONSTRAINT fk_binding_instance FOREIGN KEY (instance_id) REFERENCES mysql_instance (id) ON DELETE CASCADE,
    CONSTRAINT fk_binding_rule FOREIGN KEY (topic_rule_id) REFERENCES topic_rule (id) ON DELETE CASCADE
);

-- One row per request id: a duplicate request is answered from here instead of being run again.
CREATE TABLE request_log (
    request_id      VARCHAR(128)  NOT NULL,
    request_type    VARCHAR(32)   NOT NULL,
    source          VARCHAR(16)   NOT NULL,
    requested_by    VARCHAR(64)   NULL,
    instance_id     VARCHAR(32)   NULL,
    outcome         VARCHAR(16)   NOT NULL,
    code            VARCHAR(48)   NULL,
    message         VARCHAR(1024) NULL,
    process_instance_id VARCHAR(64) NULL,
    received_at     TIMESTAMP(3)  NOT NULL,
    PRIMARY KEY (request_id)
);

-- Transactional outbox: events are written with the change that causes them and relayed to Kafka afterwards.
CREATE TABLE outbox_event (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    event_id        VARCHAR(36)   NOT NULL,
    event_type      VARCHAR(32)   NOT NULL,
    topic           VARCHAR(200)  NOT NULL,
    event_key       VARCHAR(128)  NULL,
    payload         VARCHAR(8000) NOT NULL,
    created_at      TIMESTAMP(3)  NOT NULL,
    published_at    TIMESTAMP(3)  NULL,
    attempts        INT           NOT NULL DEFAULT 0,
    last_error      VARCHAR(1024) NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_outbox_event UNIQUE (event_id)
);
CREATE INDEX ix_outbox_unpublished ON outbox_event (published_at, id);
