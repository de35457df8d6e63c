// The SDK scenario shared by every language, against a live `micro server` (test/sdk/java.test.ts starts one
// and sets MICRO_SDK_SCENARIO=1 with MICRO_PROXY and the admin's MICRO_AUTH_ID/MICRO_AUTH_SECRET).
package io.micro.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.micro.sdk.config.ConfigClient;
import io.micro.sdk.events.StreamClient;
import io.micro.sdk.registry.RegistryClient;
import io.micro.sdk.store.StoreClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScenarioTest {
  static MicroClient client;

  @BeforeAll
  static void connect() {
    Assumptions.assumeTrue(System.getenv("MICRO_SDK_SCENARIO") != null, "needs a live server: run test/sdk/java.test.ts");
    client = new MicroClient();
  }

  @AfterAll
  static void close() {
    if (client != null) client.close();
  }

  @Test
  void store() {
    StoreClient store = new StoreClient(client);
    store.write(io.micro.sdk.store.WriteRequest.newBuilder()
        .setRecord(io.micro.sdk.store.Record.newBuilder().setKey("sdk-java").setValue(ByteString.copyFromUtf8("hello from java")))
        .build());
    var records = store.read(io.micro.sdk.store.ReadRequest.newBuilder().setKey("sdk-java").build()).getRecordsList();
    assertEquals(1, records.size());
    assertEquals("hello from java", records.get(0).getValue().toStringUtf8());
    MicroException e = assertThrows(MicroException.class,
        () -> store.read(io.micro.sdk.store.ReadRequest.newBuilder().setKey("sdk-java-missing").build()));
    assertEquals(404, e.code(), e.toString());
    assertEquals("Not Found", e.status());
    assertFalse(e.id().isEmpty());
  }

  @Test
  void config() {
    ConfigClient config = new ConfigClient(client);
    String ns = client.options().namespace;
    config.set(io.micro.sdk.config.SetRequest.newBuilder().setNamespace(ns).setPath("sdk.java")
        .setValue(io.micro.sdk.config.Value.newBuilder().setData("{\"ok\":true}").setFormat("json")).build());
    var got = config.get(io.micro.sdk.config.GetRequest.newBuilder().setNamespace(ns).setPath("sdk.java").build());
    assertEquals("{\"ok\":true}", got.getValue().getData());
  }

  @Test
  void events() {
    StreamClient events = new StreamClient(client);
    long since = System.currentTimeMillis() / 1000 - 1;
    events.publish(io.micro.sdk.events.PublishRequest.newBuilder().setTopic("sdk-java").setPayload(ByteString.copyFromUtf8("\"ping\"")).build());
    // An offset replays from that time, so the event published above is delivered.
    try (MicroStream<io.micro.sdk.events.Event> stream = events.consume(io.micro.sdk.events.ConsumeRequest.newBuilder()
        .setTopic("sdk-java").setOffset(since).setAutoAck(true).build())) {
      assertTrue(stream.hasNext());
      var event = stream.next();
      assertEquals("sdk-java", event.getTopic());
      assertEquals("\"ping\"", event.getPayload().toStringUtf8());
    }
  }

  @Test
  void registry() {
    RegistryClient registry = new RegistryClient(client);
    var svc = io.micro.sdk.registry.Service.newBuilder().setName("sdk-java").setVersion("1.0.0")
        .addNodes(io.micro.sdk.registry.Node.newBuilder().setId("sdk-java-1").setAddress("127.0.0.1:9")).build();
    registry.register(svc);
    try {
      var names = registry.listServices(io.micro.sdk.registry.ListRequest.getDefaultInstance()).getServicesList().stream().map(s -> s.getName()).toList();
      assertTrue(names.contains("sdk-java"), names.toString());
    } finally {
      registry.deregister(svc);
    }
  }

  @Test
  void badToken() {
    try (MicroClient bad = new MicroClient(MicroClient.Options.fromEnv().token("not-a-token").credentials("", ""))) {
      MicroException e = assertThrows(MicroException.class,
          () -> new RegistryClient(bad).listServices(io.micro.sdk.registry.ListRequest.getDefaultInstance()));
      assertEquals(401, e.code(), e.toString());
    }
  }
}
