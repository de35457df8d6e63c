package io.micro.sdk.events;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Store keeps a queryable history of events, independent of the stream.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class StoreGrpc {

  private StoreGrpc() {}

  public static final java.lang.String SERVICE_NAME = "events.Store";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.events.ReadRequest,
      io.micro.sdk.events.ReadResponse> getReadMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Read",
      requestType = io.micro.sdk.events.ReadRequest.class,
      responseType = io.micro.sdk.events.ReadResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.micro.sdk.events.ReadRequest,
      io.micro.sdk.events.ReadResponse> getReadMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.events.ReadRequest, io.micro.sdk.events.ReadResponse> getReadMethod;
    if ((getReadMethod = StoreGrpc.getReadMethod) == null) {
      synchronized (StoreGrpc.class) {
        if ((getReadMethod = StoreGrpc.getReadMethod) == null) {
          StoreGrpc.getReadMethod = getReadMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.events.ReadRequest, io.micro.sdk.events.ReadResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Read"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.events.ReadRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.events.ReadResponse.getDefaultInstance()))
              .setSchemaDescriptor(new StoreMethodDescriptorSupplier("Read"))
              .build();
        }
      }
    }
    return getReadMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.events.WriteRequest,
      io.micro.sdk.events.WriteResponse> getWriteMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Write",
      requestType = io.micro.sdk.events.WriteRequest.class,
      responseType = io.micro.sdk.events.WriteResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.micro.sdk.events.WriteRequest,
      io.micro.sdk.events.WriteResponse> getWriteMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.events.WriteRequest, io.micro.sdk.events.WriteResponse> getWriteMethod;
    if ((getWriteMethod = StoreGrpc.getWriteMethod) == null) {
      synchronized (StoreGrpc.class) {
        if ((getWriteMethod = StoreGrpc.getWriteMethod) == null) {
          StoreGrpc.getWriteMethod = getWriteMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.events.WriteRequest, io.micro.sdk.events.WriteResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Write"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.events.WriteRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.events.WriteResponse.getDefaultInstance()))
              .setSchemaDescriptor(new StoreMethodDescriptorSupplier("Write"))
              .build();
        }
      }
    }
    return getWriteMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static StoreStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<StoreStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<StoreStub>() {
        @java.lang.Override
        public StoreStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new StoreStub(channel, callOptions);
        }
      };
    return StoreStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static StoreBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<StoreBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<StoreBlockingV2Stub>() {
        @java.lang.Override
        public StoreBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new StoreBlockingV2Stub(channel, callOptions);
        }
      };
    return StoreBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static StoreBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<StoreBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<StoreBlockingStub>() {
        @java.lang.Override
        public StoreBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new StoreBlockingStub(channel, callOptions);
        }
      };
    return StoreBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static StoreFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<StoreFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<StoreFutureStub>() {
        @java.lang.Override
        public StoreFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new StoreFutureStub(channel, callOptions);
        }
      };
    return StoreFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Store keeps a queryable history of events, independent of the stream.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Read stored events of a topic.
     * </pre>
     */
    default void read(io.micro.sdk.events.ReadRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.events.ReadResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getReadMethod(), responseObserver);
    }

    /**
     * <pre>
     * Write an event to the store directly (Micro 3.0 answers NotImplemented; published events are stored automatically).
     * </pre>
     */
    default void write(io.micro.sdk.events.WriteRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.events.WriteResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getWriteMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service Store.
   * <pre>
   * Store keeps a queryable history of events, independent of the stream.
   * </pre>
   */
  public static abstract class StoreImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return StoreGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service Store.
   * <pre>
   * Store keeps a queryable history of events, independent of the stream.
   * </pre>
   */
  public static final class StoreStub
      extends io.grpc.stub.AbstractAsyncStub<StoreStub> {
    private StoreStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected StoreStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new StoreStub(channel, callOptions);
    }

    /**
     * <pre>
     * Read stored events of a topic.
     * </pre>
     */
    public void read(io.micro.sdk.events.ReadRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.events.ReadResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getReadMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Write an event to the store directly (Micro 3.0 answers NotImplemented; published events are stored automatically).
     * </pre>
     */
    public void write(io.micro.sdk.events.WriteRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.events.WriteResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getWriteMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service Store.
   * <pre>
   * Store keeps a queryable history of events, independent of the stream.
   * </pre>
   */
  public static final class StoreBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<StoreBlockingV2Stub> {
    private StoreBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected StoreBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new StoreBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Read stored events of a topic.
     * </pre>
     */
    public io.micro.sdk.events.ReadResponse read(io.micro.sdk.events.ReadRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getReadMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Write an event to the store directly (Micro 3.0 answers NotImplemented; published events are stored automatically).
     * </pre>
     */
    public io.micro.sdk.events.WriteResponse write(io.micro.sdk.events.WriteRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getWriteMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service Store.
   * <pre>
   * Store keeps a queryable history of events, independent of the stream.
   * </pre>
   */
  public static final class StoreBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<StoreBlockingStub> {
    private StoreBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected StoreBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new StoreBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Read stored events of a topic.
     * </pre>
     */
    public io.micro.sdk.events.ReadResponse read(io.micro.sdk.events.ReadRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getReadMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Write an event to the store directly (Micro 3.0 answers NotImplemented; published events are stored automatically).
     * </pre>
     */
    public io.micro.sdk.events.WriteResponse write(io.micro.sdk.events.WriteRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getWriteMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service Store.
   * <pre>
   * Store keeps a queryable history of events, independent of the stream.
   * </pre>
   */
  public static final class StoreFutureStub
      extends io.grpc.stub.AbstractFutureStub<StoreFutureStub> {
    private StoreFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected StoreFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new StoreFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Read stored events of a topic.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.micro.sdk.events.ReadResponse> read(
        io.micro.sdk.events.ReadRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getReadMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Write an event to the store directly (Micro 3.0 answers NotImplemented; published events are stored automatically).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.micro.sdk.events.WriteResponse> write(
        io.micro.sdk.events.WriteRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getWriteMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_READ = 0;
  private static final int METHODID_WRITE = 1;

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
        case METHODID_READ:
          serviceImpl.read((io.micro.sdk.events.ReadRequest) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.events.ReadResponse>) responseObserver);
          break;
        case METHODID_WRITE:
          serviceImpl.write((io.micro.sdk.events.WriteRequest) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.events.WriteResponse>) responseObserver);
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
          getReadMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.micro.sdk.events.ReadRequest,
              io.micro.sdk.events.ReadResponse>(
                service, METHODID_READ)))
        .addMethod(
          getWriteMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.micro.sdk.events.WriteRequest,
              io.micro.sdk.events.WriteResponse>(
                service, METHODID_WRITE)))
        .build();
  }

  private static abstract class StoreBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    StoreBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return io.micro.sdk.events.Events.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("Store");
    }
  }

  private static final class StoreFileDescriptorSupplier
      extends StoreBaseDescriptorSupplier {
    StoreFileDescriptorSupplier() {}
  }

  private static final class StoreMethodDescriptorSupplier
      extends StoreBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    StoreMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (StoreGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new StoreFileDescriptorSupplier())
              .addMethod(getReadMethod())
              .addMethod(getWriteMethod())
              .build();
        }
      }
    }
    return result;
  }
}
