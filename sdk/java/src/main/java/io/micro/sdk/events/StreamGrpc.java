package io.micro.sdk.events;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Stream publishes events to topics and delivers them to consumers, with
 * consumer groups, replay from a point in time and optional manual acknowledgement.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class StreamGrpc {

  private StreamGrpc() {}

  public static final java.lang.String SERVICE_NAME = "events.Stream";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.events.PublishRequest,
      io.micro.sdk.events.PublishResponse> getPublishMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Publish",
      requestType = io.micro.sdk.events.PublishRequest.class,
      responseType = io.micro.sdk.events.PublishResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.micro.sdk.events.PublishRequest,
      io.micro.sdk.events.PublishResponse> getPublishMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.events.PublishRequest, io.micro.sdk.events.PublishResponse> getPublishMethod;
    if ((getPublishMethod = StreamGrpc.getPublishMethod) == null) {
      synchronized (StreamGrpc.class) {
        if ((getPublishMethod = StreamGrpc.getPublishMethod) == null) {
          StreamGrpc.getPublishMethod = getPublishMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.events.PublishRequest, io.micro.sdk.events.PublishResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Publish"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.events.PublishRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.events.PublishResponse.getDefaultInstance()))
              .setSchemaDescriptor(new StreamMethodDescriptorSupplier("Publish"))
              .build();
        }
      }
    }
    return getPublishMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.events.ConsumeRequest,
      io.micro.sdk.events.Event> getConsumeMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Consume",
      requestType = io.micro.sdk.events.ConsumeRequest.class,
      responseType = io.micro.sdk.events.Event.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<io.micro.sdk.events.ConsumeRequest,
      io.micro.sdk.events.Event> getConsumeMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.events.ConsumeRequest, io.micro.sdk.events.Event> getConsumeMethod;
    if ((getConsumeMethod = StreamGrpc.getConsumeMethod) == null) {
      synchronized (StreamGrpc.class) {
        if ((getConsumeMethod = StreamGrpc.getConsumeMethod) == null) {
          StreamGrpc.getConsumeMethod = getConsumeMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.events.ConsumeRequest, io.micro.sdk.events.Event>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Consume"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.events.ConsumeRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.events.Event.getDefaultInstance()))
              .setSchemaDescriptor(new StreamMethodDescriptorSupplier("Consume"))
              .build();
        }
      }
    }
    return getConsumeMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static StreamStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<StreamStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<StreamStub>() {
        @java.lang.Override
        public StreamStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new StreamStub(channel, callOptions);
        }
      };
    return StreamStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static StreamBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<StreamBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<StreamBlockingV2Stub>() {
        @java.lang.Override
        public StreamBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new StreamBlockingV2Stub(channel, callOptions);
        }
      };
    return StreamBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static StreamBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<StreamBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<StreamBlockingStub>() {
        @java.lang.Override
        public StreamBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new StreamBlockingStub(channel, callOptions);
        }
      };
    return StreamBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static StreamFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<StreamFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<StreamFutureStub>() {
        @java.lang.Override
        public StreamFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new StreamFutureStub(channel, callOptions);
        }
      };
    return StreamFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Stream publishes events to topics and delivers them to consumers, with
   * consumer groups, replay from a point in time and optional manual acknowledgement.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Publish an event to a topic.
     * </pre>
     */
    default void publish(io.micro.sdk.events.PublishRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.events.PublishResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getPublishMethod(), responseObserver);
    }

    /**
     * <pre>
     * Consume events from a topic. Events are streamed back as they arrive; when
     * auto_ack is false the client acknowledges each one by sending an AckRequest
     * over the same stream.
     * </pre>
     */
    default void consume(io.micro.sdk.events.ConsumeRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.events.Event> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getConsumeMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service Stream.
   * <pre>
   * Stream publishes events to topics and delivers them to consumers, with
   * consumer groups, replay from a point in time and optional manual acknowledgement.
   * </pre>
   */
  public static abstract class StreamImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return StreamGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service Stream.
   * <pre>
   * Stream publishes events to topics and delivers them to consumers, with
   * consumer groups, replay from a point in time and optional manual acknowledgement.
   * </pre>
   */
  public static final class StreamStub
      extends io.grpc.stub.AbstractAsyncStub<StreamStub> {
    private StreamStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected StreamStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new StreamStub(channel, callOptions);
    }

    /**
     * <pre>
     * Publish an event to a topic.
     * </pre>
     */
    public void publish(io.micro.sdk.events.PublishRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.events.PublishResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getPublishMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Consume events from a topic. Events are streamed back as they arrive; when
     * auto_ack is false the client acknowledges each one by sending an AckRequest
     * over the same stream.
     * </pre>
     */
    public void consume(io.micro.sdk.events.ConsumeRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.events.Event> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getConsumeMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service Stream.
   * <pre>
   * Stream publishes events to topics and delivers them to consumers, with
   * consumer groups, replay from a point in time and optional manual acknowledgement.
   * </pre>
   */
  public static final class StreamBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<StreamBlockingV2Stub> {
    private StreamBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected StreamBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new StreamBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Publish an event to a topic.
     * </pre>
     */
    public io.micro.sdk.events.PublishResponse publish(io.micro.sdk.events.PublishRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getPublishMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Consume events from a topic. Events are streamed back as they arrive; when
     * auto_ack is false the client acknowledges each one by sending an AckRequest
     * over the same stream.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, io.micro.sdk.events.Event>
        consume(io.micro.sdk.events.ConsumeRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getConsumeMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service Stream.
   * <pre>
   * Stream publishes events to topics and delivers them to consumers, with
   * consumer groups, replay from a point in time and optional manual acknowledgement.
   * </pre>
   */
  public static final class StreamBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<StreamBlockingStub> {
    private StreamBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected StreamBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new StreamBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Publish an event to a topic.
     * </pre>
     */
    public io.micro.sdk.events.PublishResponse publish(io.micro.sdk.events.PublishRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getPublishMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Consume events from a topic. Events are streamed back as they arrive; when
     * auto_ack is false the client acknowledges each one by sending an AckRequest
     * over the same stream.
     * </pre>
     */
    public java.util.Iterator<io.micro.sdk.events.Event> consume(
        io.micro.sdk.events.ConsumeRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getConsumeMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service Stream.
   * <pre>
   * Stream publishes events to topics and delivers them to consumers, with
   * consumer groups, replay from a point in time and optional manual acknowledgement.
   * </pre>
   */
  public static final class StreamFutureStub
      extends io.grpc.stub.AbstractFutureStub<StreamFutureStub> {
    private StreamFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected StreamFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new StreamFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Publish an event to a topic.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.micro.sdk.events.PublishResponse> publish(
        io.micro.sdk.events.PublishRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getPublishMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_PUBLISH = 0;
  private static final int METHODID_CONSUME = 1;

  private static final class MethodHandlers<Req, Resp> implements
      io.grpc.stub.ServerCalls.UnaryMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ServerStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ClientStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.BidiStreamingMethod<Req, Resp> {
    private final AsyncService serviceImpl;
    private final int methodId;

    MethodHandlers(AsyncService serviceImpl, int methodId) {
      this.serviceImpl = serviceImpl;
      this.methodId = methodId;
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public void invoke(Req request, io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_PUBLISH:
          serviceImpl.publish((io.micro.sdk.events.PublishRequest) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.events.PublishResponse>) responseObserver);
          break;
        case METHODID_CONSUME:
          serviceImpl.consume((io.micro.sdk.events.ConsumeRequest) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.events.Event>) responseObserver);
          break;
        default:
          throw new AssertionError();
      }
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public io.grpc.stub.StreamObserver<Req> invoke(
        io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getPublishMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.micro.sdk.events.PublishRequest,
              io.micro.sdk.events.PublishResponse>(
                service, METHODID_PUBLISH)))
        .addMethod(
          getConsumeMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              io.micro.sdk.events.ConsumeRequest,
              io.micro.sdk.events.Event>(
                service, METHODID_CONSUME)))
        .build();
  }

  private static abstract class StreamBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    StreamBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return io.micro.sdk.events.Events.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("Stream");
    }
  }

  private static final class StreamFileDescriptorSupplier
      extends StreamBaseDescriptorSupplier {
    StreamFileDescriptorSupplier() {}
  }

  private static final class StreamMethodDescriptorSupplier
      extends StreamBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    StreamMethodDescriptorSupplier(java.lang.String methodName) {
      this.methodName = methodName;
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.MethodDescriptor getMethodDescriptor() {
      return getServiceDescriptor().findMethodByName(methodName);
    }
  }

  private static volatile io.grpc.ServiceDescriptor serviceDescriptor;

  public static io.grpc.ServiceDescriptor getServiceDescriptor() {
    io.grpc.ServiceDescriptor result = serviceDescriptor;
    if (result == null) {
      synchronized (StreamGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new StreamFileDescriptorSupplier())
              .addMethod(getPublishMethod())
              .addMethod(getConsumeMethod())
              .build();
        }
      }
    }
    return result;
  }
}
