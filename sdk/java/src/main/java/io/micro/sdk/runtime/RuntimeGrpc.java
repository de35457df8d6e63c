package io.micro.sdk.runtime;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Runtime manages resources (services, namespaces, network policies and
 * resource quotas) in the underlying runtime (local processes or Kubernetes).
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class RuntimeGrpc {

  private RuntimeGrpc() {}

  public static final java.lang.String SERVICE_NAME = "runtime.Runtime";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.runtime.CreateRequest,
      io.micro.sdk.runtime.CreateResponse> getCreateMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Create",
      requestType = io.micro.sdk.runtime.CreateRequest.class,
      responseType = io.micro.sdk.runtime.CreateResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.micro.sdk.runtime.CreateRequest,
      io.micro.sdk.runtime.CreateResponse> getCreateMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.runtime.CreateRequest, io.micro.sdk.runtime.CreateResponse> getCreateMethod;
    if ((getCreateMethod = RuntimeGrpc.getCreateMethod) == null) {
      synchronized (RuntimeGrpc.class) {
        if ((getCreateMethod = RuntimeGrpc.getCreateMethod) == null) {
          RuntimeGrpc.getCreateMethod = getCreateMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.runtime.CreateRequest, io.micro.sdk.runtime.CreateResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Create"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.runtime.CreateRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.runtime.CreateResponse.getDefaultInstance()))
              .setSchemaDescriptor(new RuntimeMethodDescriptorSupplier("Create"))
              .build();
        }
      }
    }
    return getCreateMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.runtime.ReadRequest,
      io.micro.sdk.runtime.ReadResponse> getReadMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Read",
      requestType = io.micro.sdk.runtime.ReadRequest.class,
      responseType = io.micro.sdk.runtime.ReadResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.micro.sdk.runtime.ReadRequest,
      io.micro.sdk.runtime.ReadResponse> getReadMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.runtime.ReadRequest, io.micro.sdk.runtime.ReadResponse> getReadMethod;
    if ((getReadMethod = RuntimeGrpc.getReadMethod) == null) {
      synchronized (RuntimeGrpc.class) {
        if ((getReadMethod = RuntimeGrpc.getReadMethod) == null) {
          RuntimeGrpc.getReadMethod = getReadMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.runtime.ReadRequest, io.micro.sdk.runtime.ReadResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Read"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.runtime.ReadRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.runtime.ReadResponse.getDefaultInstance()))
              .setSchemaDescriptor(new RuntimeMethodDescriptorSupplier("Read"))
              .build();
        }
      }
    }
    return getReadMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.runtime.DeleteRequest,
      io.micro.sdk.runtime.DeleteResponse> getDeleteMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Delete",
      requestType = io.micro.sdk.runtime.DeleteRequest.class,
      responseType = io.micro.sdk.runtime.DeleteResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.micro.sdk.runtime.DeleteRequest,
      io.micro.sdk.runtime.DeleteResponse> getDeleteMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.runtime.DeleteRequest, io.micro.sdk.runtime.DeleteResponse> getDeleteMethod;
    if ((getDeleteMethod = RuntimeGrpc.getDeleteMethod) == null) {
      synchronized (RuntimeGrpc.class) {
        if ((getDeleteMethod = RuntimeGrpc.getDeleteMethod) == null) {
          RuntimeGrpc.getDeleteMethod = getDeleteMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.runtime.DeleteRequest, io.micro.sdk.runtime.DeleteResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Delete"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.runtime.DeleteRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.runtime.DeleteResponse.getDefaultInstance()))
              .setSchemaDescriptor(new RuntimeMethodDescriptorSupplier("Delete"))
              .build();
        }
      }
    }
    return getDeleteMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.runtime.UpdateRequest,
      io.micro.sdk.runtime.UpdateResponse> getUpdateMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Update",
      requestType = io.micro.sdk.runtime.UpdateRequest.class,
      responseType = io.micro.sdk.runtime.UpdateResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.micro.sdk.runtime.UpdateRequest,
      io.micro.sdk.runtime.UpdateResponse> getUpdateMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.runtime.UpdateRequest, io.micro.sdk.runtime.UpdateResponse> getUpdateMethod;
    if ((getUpdateMethod = RuntimeGrpc.getUpdateMethod) == null) {
      synchronized (RuntimeGrpc.class) {
        if ((getUpdateMethod = RuntimeGrpc.getUpdateMethod) == null) {
          RuntimeGrpc.getUpdateMethod = getUpdateMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.runtime.UpdateRequest, io.micro.sdk.runtime.UpdateResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Update"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.runtime.UpdateRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.runtime.UpdateResponse.getDefaultInstance()))
              .setSchemaDescriptor(new RuntimeMethodDescriptorSupplier("Update"))
              .build();
        }
      }
    }
    return getUpdateMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.runtime.LogsRequest,
      io.micro.sdk.runtime.LogRecord> getLogsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Logs",
      requestType = io.micro.sdk.runtime.LogsRequest.class,
      responseType = io.micro.sdk.runtime.LogRecord.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<io.micro.sdk.runtime.LogsRequest,
      io.micro.sdk.runtime.LogRecord> getLogsMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.runtime.LogsRequest, io.micro.sdk.runtime.LogRecord> getLogsMethod;
    if ((getLogsMethod = RuntimeGrpc.getLogsMethod) == null) {
      synchronized (RuntimeGrpc.class) {
        if ((getLogsMethod = RuntimeGrpc.getLogsMethod) == null) {
          RuntimeGrpc.getLogsMethod = getLogsMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.runtime.LogsRequest, io.micro.sdk.runtime.LogRecord>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Logs"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.runtime.LogsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.runtime.LogRecord.getDefaultInstance()))
              .setSchemaDescriptor(new RuntimeMethodDescriptorSupplier("Logs"))
              .build();
        }
      }
    }
    return getLogsMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static RuntimeStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<RuntimeStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<RuntimeStub>() {
        @java.lang.Override
        public RuntimeStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new RuntimeStub(channel, callOptions);
        }
      };
    return RuntimeStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static RuntimeBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<RuntimeBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<RuntimeBlockingV2Stub>() {
        @java.lang.Override
        public RuntimeBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new RuntimeBlockingV2Stub(channel, callOptions);
        }
      };
    return RuntimeBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static RuntimeBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<RuntimeBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<RuntimeBlockingStub>() {
        @java.lang.Override
        public RuntimeBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new RuntimeBlockingStub(channel, callOptions);
        }
      };
    return RuntimeBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static RuntimeFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<RuntimeFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<RuntimeFutureStub>() {
        @java.lang.Override
        public RuntimeFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new RuntimeFutureStub(channel, callOptions);
        }
      };
    return RuntimeFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Runtime manages resources (services, namespaces, network policies and
   * resource quotas) in the underlying runtime (local processes or Kubernetes).
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Create a resource; for a service this builds and starts it.
     * </pre>
     */
    default void create(io.micro.sdk.runtime.CreateRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.runtime.CreateResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCreateMethod(), responseObserver);
    }

    /**
     * <pre>
     * Read the services matching the given filters.
     * </pre>
     */
    default void read(io.micro.sdk.runtime.ReadRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.runtime.ReadResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getReadMethod(), responseObserver);
    }

    /**
     * <pre>
     * Delete a resource; for a service this stops and removes it.
     * </pre>
     */
    default void delete(io.micro.sdk.runtime.DeleteRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.runtime.DeleteResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteMethod(), responseObserver);
    }

    /**
     * <pre>
     * Update a resource; for a service this rebuilds and restarts it.
     * </pre>
     */
    default void update(io.micro.sdk.runtime.UpdateRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.runtime.UpdateResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getUpdateMethod(), responseObserver);
    }

    /**
     * <pre>
     * Logs streams the log records of a service, optionally following new output.
     * </pre>
     */
    default void logs(io.micro.sdk.runtime.LogsRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.runtime.LogRecord> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getLogsMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service Runtime.
   * <pre>
   * Runtime manages resources (services, namespaces, network policies and
   * resource quotas) in the underlying runtime (local processes or Kubernetes).
   * </pre>
   */
  public static abstract class RuntimeImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return RuntimeGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service Runtime.
   * <pre>
   * Runtime manages resources (services, namespaces, network policies and
   * resource quotas) in the underlying runtime (local processes or Kubernetes).
   * </pre>
   */
  public static final class RuntimeStub
      extends io.grpc.stub.AbstractAsyncStub<RuntimeStub> {
    private RuntimeStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected RuntimeStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new RuntimeStub(channel, callOptions);
    }

    /**
     * <pre>
     * Create a resource; for a service this builds and starts it.
     * </pre>
     */
    public void create(io.micro.sdk.runtime.CreateRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.runtime.CreateResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCreateMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Read the services matching the given filters.
     * </pre>
     */
    public void read(io.micro.sdk.runtime.ReadRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.runtime.ReadResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getReadMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Delete a resource; for a service this stops and removes it.
     * </pre>
     */
    public void delete(io.micro.sdk.runtime.DeleteRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.runtime.DeleteResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Update a resource; for a service this rebuilds and restarts it.
     * </pre>
     */
    public void update(io.micro.sdk.runtime.UpdateRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.runtime.UpdateResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getUpdateMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Logs streams the log records of a service, optionally following new output.
     * </pre>
     */
    public void logs(io.micro.sdk.runtime.LogsRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.runtime.LogRecord> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getLogsMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service Runtime.
   * <pre>
   * Runtime manages resources (services, namespaces, network policies and
   * resource quotas) in the underlying runtime (local processes or Kubernetes).
   * </pre>
   */
  public static final class RuntimeBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<RuntimeBlockingV2Stub> {
    private RuntimeBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected RuntimeBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new RuntimeBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Create a resource; for a service this builds and starts it.
     * </pre>
     */
    public io.micro.sdk.runtime.CreateResponse create(io.micro.sdk.runtime.CreateRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCreateMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Read the services matching the given filters.
     * </pre>
     */
    public io.micro.sdk.runtime.ReadResponse read(io.micro.sdk.runtime.ReadRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getReadMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Delete a resource; for a service this stops and removes it.
     * </pre>
     */
    public io.micro.sdk.runtime.DeleteResponse delete(io.micro.sdk.runtime.DeleteRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDeleteMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Update a resource; for a service this rebuilds and restarts it.
     * </pre>
     */
    public io.micro.sdk.runtime.UpdateResponse update(io.micro.sdk.runtime.UpdateRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getUpdateMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Logs streams the log records of a service, optionally following new output.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, io.micro.sdk.runtime.LogRecord>
        logs(io.micro.sdk.runtime.LogsRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getLogsMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service Runtime.
   * <pre>
   * Runtime manages resources (services, namespaces, network policies and
   * resource quotas) in the underlying runtime (local processes or Kubernetes).
   * </pre>
   */
  public static final class RuntimeBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<RuntimeBlockingStub> {
    private RuntimeBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected RuntimeBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new RuntimeBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Create a resource; for a service this builds and starts it.
     * </pre>
     */
    public io.micro.sdk.runtime.CreateResponse create(io.micro.sdk.runtime.CreateRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCreateMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Read the services matching the given filters.
     * </pre>
     */
    public io.micro.sdk.runtime.ReadResponse read(io.micro.sdk.runtime.ReadRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getReadMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Delete a resource; for a service this stops and removes it.
     * </pre>
     */
    public io.micro.sdk.runtime.DeleteResponse delete(io.micro.sdk.runtime.DeleteRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Update a resource; for a service this rebuilds and restarts it.
     * </pre>
     */
    public io.micro.sdk.runtime.UpdateResponse update(io.micro.sdk.runtime.UpdateRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getUpdateMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Logs streams the log records of a service, optionally following new output.
     * </pre>
     */
    public java.util.Iterator<io.micro.sdk.runtime.LogRecord> logs(
        io.micro.sdk.runtime.LogsRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getLogsMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service Runtime.
   * <pre>
   * Runtime manages resources (services, namespaces, network policies and
   * resource quotas) in the underlying runtime (local processes or Kubernetes).
   * </pre>
   */
  public static final class RuntimeFutureStub
      extends io.grpc.stub.AbstractFutureStub<RuntimeFutureStub> {
    private RuntimeFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected RuntimeFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new RuntimeFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Create a resource; for a service this builds and starts it.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.micro.sdk.runtime.CreateResponse> create(
        io.micro.sdk.runtime.CreateRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCreateMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Read the services matching the given filters.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.micro.sdk.runtime.ReadResponse> read(
        io.micro.sdk.runtime.ReadRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getReadMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Delete a resource; for a service this stops and removes it.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.micro.sdk.runtime.DeleteResponse> delete(
        io.micro.sdk.runtime.DeleteRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Update a resource; for a service this rebuilds and restarts it.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.micro.sdk.runtime.UpdateResponse> update(
        io.micro.sdk.runtime.UpdateRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getUpdateMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_CREATE = 0;
  private static final int METHODID_READ = 1;
  private static final int METHODID_DELETE = 2;
  private static final int METHODID_UPDATE = 3;
  private static final int METHODID_LOGS = 4;

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
        case METHODID_CREATE:
          serviceImpl.create((io.micro.sdk.runtime.CreateRequest) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.runtime.CreateResponse>) responseObserver);
          break;
        case METHODID_READ:
          serviceImpl.read((io.micro.sdk.runtime.ReadRequest) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.runtime.ReadResponse>) responseObserver);
          break;
        case METHODID_DELETE:
          serviceImpl.delete((io.micro.sdk.runtime.DeleteRequest) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.runtime.DeleteResponse>) responseObserver);
          break;
        case METHODID_UPDATE:
          serviceImpl.update((io.micro.sdk.runtime.UpdateRequest) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.runtime.UpdateResponse>) responseObserver);
          break;
        case METHODID_LOGS:
          serviceImpl.logs((io.micro.sdk.runtime.LogsRequest) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.runtime.LogRecord>) responseObserver);
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
          getCreateMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.micro.sdk.runtime.CreateRequest,
              io.micro.sdk.runtime.CreateResponse>(
                service, METHODID_CREATE)))
        .addMethod(
          getReadMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.micro.sdk.runtime.ReadRequest,
              io.micro.sdk.runtime.ReadResponse>(
                service, METHODID_READ)))
        .addMethod(
          getDeleteMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.micro.sdk.runtime.DeleteRequest,
              io.micro.sdk.runtime.DeleteResponse>(
                service, METHODID_DELETE)))
        .addMethod(
          getUpdateMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.micro.sdk.runtime.UpdateRequest,
              io.micro.sdk.runtime.UpdateResponse>(
                service, METHODID_UPDATE)))
        .addMethod(
          getLogsMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              io.micro.sdk.runtime.LogsRequest,
              io.micro.sdk.runtime.LogRecord>(
                service, METHODID_LOGS)))
        .build();
  }

  private static abstract class RuntimeBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    RuntimeBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return io.micro.sdk.runtime.RuntimeOuterClass.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("Runtime");
    }
  }

  private static final class RuntimeFileDescriptorSupplier
      extends RuntimeBaseDescriptorSupplier {
    RuntimeFileDescriptorSupplier() {}
  }

  private static final class RuntimeMethodDescriptorSupplier
      extends RuntimeBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    RuntimeMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (RuntimeGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new RuntimeFileDescriptorSupplier())
              .addMethod(getCreateMethod())
              .addMethod(getReadMethod())
              .addMethod(getDeleteMethod())
              .addMethod(getUpdateMethod())
              .addMethod(getLogsMethod())
              .build();
        }
      }
    }
    return result;
  }
}
