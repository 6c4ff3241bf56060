# Tower's image: built from source with the Maven wrapper, run on a JRE.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -ntp dependency:go-offline
COPY src src
COPY bpmn bpmn
COPY db db
RUN ./mvnw -B -ntp -DskipTests package && cp target/tower-*.jar /tower.jar

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 tower
COPY --from=build /tower.jar /app/tower.jar
USER tower
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/tower.jar"]
