/**
 * A real Kafka broker (single-node KRaft) and a Confluent-compatible schema registry (Apicurio Registry),
 * each run as a child JVM on 127.0.0.1 from artifacts in the local Maven repository, for {@code flyt run}
 * and for integration tests.
 *
 * <p>The children's classpaths stay apart from flyt's: the build records the broker's classpath and the
 * registry zip's location as resources, and the children are launched from those. Every child carries a
 * watchdog agent that ends it when the parent JVM is gone, even after SIGKILL.
 */
package no.flyt.embedded;
