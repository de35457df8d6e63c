package io.micro.sdk.registry;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Registry records which services are running, where, and what endpoints they
 * expose. Entries are kept per domain (namespace) and expire after their TTL
 * unless re-registered.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class RegistryGrpc {

  private RegistryGrpc() {}

  public static final java.lang.String SERVICE_NAME = "registry.Registry";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.registry.GetRequest,
      io.micro.sdk.registry.GetResponse> getGetServiceMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetService",
      requestType = io.micro.sdk.registry.GetRequest.class,
      responseType = io.micro.sdk.registry.GetResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.micro.sdk.registry.GetRequest,
      io.micro.sdk.registry.GetResponse> getGetServiceMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.registry.GetRequest, io.micro.sdk.registry.GetResponse> getGetServiceMethod;
    if ((getGetServiceMethod = RegistryGrpc.getGetServiceMethod) == null) {
      synchronized (RegistryGrpc.class) {
        if ((getGetServiceMethod = RegistryGrpc.getGetServiceMethod) == null) {
          RegistryGrpc.getGetServiceMethod = getGetServiceMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.registry.GetRequest, io.micro.sdk.registry.GetResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetService"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.registry.GetRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.registry.GetResponse.getDefaultInstance()))
              .setSchemaDescriptor(new RegistryMethodDescriptorSupplier("GetService"))
              .build();
        }
      }
    }
    return getGetServiceMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.registry.Service,
      io.micro.sdk.registry.EmptyResponse> getRegisterMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Register",
      requestType = io.micro.sdk.registry.Service.class,
      responseType = io.micro.sdk.registry.EmptyResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.micro.sdk.registry.Service,
      io.micro.sdk.registry.EmptyResponse> getRegisterMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.registry.Service, io.micro.sdk.registry.EmptyResponse> getRegisterMethod;
    if ((getRegisterMethod = RegistryGrpc.getRegisterMethod) == null) {
      synchronized (RegistryGrpc.class) {
        if ((getRegisterMethod = RegistryGrpc.getRegisterMethod) == null) {
          RegistryGrpc.getRegisterMethod = getRegisterMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.registry.Service, io.micro.sdk.registry.EmptyResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Register"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.registry.Service.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.registry.EmptyResponse.getDefaultInstance()))
              .setSchemaDescriptor(new RegistryMethodDescriptorSupplier("Register"))
              .build();
        }
      }
    }
    return getRegisterMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.registry.Service,
      io.micro.sdk.registry.EmptyResponse> getDeregisterMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Deregister",
      requestType = io.micro.sdk.registry.Service.class,
      responseType = io.micro.sdk.registry.EmptyResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.micro.sdk.registry.Service,
      io.micro.sdk.registry.EmptyResponse> getDeregisterMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.registry.Service, io.micro.sdk.registry.EmptyResponse> getDeregisterMethod;
    if ((getDeregisterMethod = RegistryGrpc.getDeregisterMethod) == null) {
      synchronized (RegistryGrpc.class) {
        if ((getDeregisterMethod = RegistryGrpc.getDeregisterMethod) == null) {
          RegistryGrpc.getDeregisterMethod = getDeregisterMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.registry.Service, io.micro.sdk.registry.EmptyResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Deregister"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.registry.Service.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.registry.EmptyResponse.getDefaultInstance()))
              .setSchemaDescriptor(new RegistryMethodDescriptorSupplier("Deregister"))
              .build();
        }
      }
    }
    return getDeregisterMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.registry.ListRequest,
      io.micro.sdk.registry.ListResponse> getListServicesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListServices",
      requestType = io.micro.sdk.registry.ListRequest.class,
      responseType = io.micro.sdk.registry.ListResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.micro.sdk.registry.ListRequest,
      io.micro.sdk.registry.ListResponse> getListServicesMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.registry.ListRequest, io.micro.sdk.registry.ListResponse> getListServicesMethod;
    if ((getListServicesMethod = RegistryGrpc.getListServicesMethod) == null) {
      synchronized (RegistryGrpc.class) {
        if ((getListServicesMethod = RegistryGrpc.getListServicesMethod) == null) {
          RegistryGrpc.getListServicesMethod = getListServicesMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.registry.ListRequest, io.micro.sdk.registry.ListResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListServices"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.registry.ListRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.registry.ListResponse.getDefaultInstance()))
              .setSchemaDescriptor(new RegistryMethodDescriptorSupplier("ListServices"))
              .build();
        }
      }
    }
    return getListServicesMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.registry.WatchRequest,
      io.micro.sdk.registry.Result> getWatchMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Watch",
      requestType = io.micro.sdk.registry.WatchRequest.class,
      responseType = io.micro.sdk.registry.Result.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<io.micro.sdk.registry.WatchRequest,
      io.micro.sdk.registry.Result> getWatchMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.registry.WatchRequest, io.micro.sdk.registry.Result> getWatchMethod;
    if ((getWatchMethod = RegistryGrpc.getWatchMethod) == null) {
      synchronized (RegistryGrpc.class) {
        if ((getWatchMethod = RegistryGrpc.getWatchMethod) == null) {
          RegistryGrpc.getWatchMethod = getWatchMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.registry.WatchRequest, io.micro.sdk.registry.Result>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Watch"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.registry.WatchRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.registry.Result.getDefaultInstance()))
              .setSchemaDescriptor(new RegistryMethodDescriptorSupplier("Watch"))
              .build();
        }
      }
    }
    return getWatchMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static RegistryStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<RegistryStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<RegistryStub>() {
        @java.lang.Override
        public RegistryStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new RegistryStub(channel, callOptions);
        }
      };
    return RegistryStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static RegistryBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<RegistryBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<RegistryBlockingV2Stub>() {
        @java.lang.Override
        public RegistryBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new RegistryBlockingV2Stub(channel, callOptions);
        }
      };
    return RegistryBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static RegistryBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<RegistryBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<RegistryBlockingStub>() {
        @java.lang.Override
        public RegistryBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new RegistryBlockingStub(channel, callOptions);
        }
      };
    return RegistryBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static RegistryFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<RegistryFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<RegistryFutureStub>() {
        @java.lang.Override
        public RegistryFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new RegistryFutureStub(channel, callOptions);
        }
      };
    return RegistryFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Registry records which services are running, where, and what endpoints they
   * expose. Entries are kept per domain (namespace) and expire after their TTL
   * unless re-registered.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * GetService returns every registered version of a named service.
     * </pre>
     */
    default void getService(io.micro.sdk.registry.GetRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.registry.GetResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetServiceMethod(), responseObserver);
    }

    /**
     * <pre>
     * Register adds or refreshes a service and its nodes.
     * </pre>
     */
    default void register(io.micro.sdk.registry.Service request,
        io.grpc.stub.StreamObserver<io.micro.sdk.registry.EmptyResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRegisterMethod(), responseObserver);
    }

    /**
     * <pre>
     * Deregister removes the given nodes of a service (the whole version when none remain).
     * </pre>
     */
    default void deregister(io.micro.sdk.registry.Service request,
        io.grpc.stub.StreamObserver<io.micro.sdk.registry.EmptyResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeregisterMethod(), responseObserver);
    }

    /**
     * <pre>
     * ListServices returns all services in a domain (names and versions only).
     * </pre>
     */
    default void listServices(io.micro.sdk.registry.ListRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.registry.ListResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListServicesMethod(), responseObserver);
    }

    /**
     * <pre>
     * Watch streams a Result each time a service is created, updated or deleted.
     * </pre>
     */
    default void watch(io.micro.sdk.registry.WatchRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.registry.Result> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getWatchMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service Registry.
   * <pre>
   * Registry records which services are running, where, and what endpoints they
   * expose. Entries are kept per domain (namespace) and expire after their TTL
   * unless re-registered.
   * </pre>
   */
  public static abstract class RegistryImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return RegistryGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service Registry.
   * <pre>
   * Registry records which services are running, where, and what endpoints they
   * expose. Entries are kept per domain (namespace) and expire after their TTL
   * unless re-registered.
   * </pre>
   */
  public static final class RegistryStub
      extends io.grpc.stub.AbstractAsyncStub<RegistryStub> {
    private RegistryStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected RegistryStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new RegistryStub(channel, callOptions);
    }

    /**
     * <pre>
     * GetService returns every registered version of a named service.
     * </pre>
     */
    public void getService(io.micro.sdk.registry.GetRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.registry.GetResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetServiceMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Register adds or refreshes a service and its nodes.
     * </pre>
     */
    public void register(io.micro.sdk.registry.Service request,
        io.grpc.stub.StreamObserver<io.micro.sdk.registry.EmptyResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getRegisterMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Deregister removes the given nodes of a service (the whole version when none remain).
     * </pre>
     */
    public void deregister(io.micro.sdk.registry.Service request,
        io.grpc.stub.StreamObserver<io.micro.sdk.registry.EmptyResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeregisterMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * ListServices returns all services in a domain (names and versions only).
     * </pre>
     */
    public void listServices(io.micro.sdk.registry.ListRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.registry.ListResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListServicesMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Watch streams a Result each time a service is created, updated or deleted.
     * </pre>
     */
    public void watch(io.micro.sdk.registry.WatchRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.registry.Result> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getWatchMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service Registry.
   * <pre>
   * Registry records which services are running, where, and what endpoints they
   * expose. Entries are kept per domain (namespace) and expire after their TTL
   * unless re-registered.
   * </pre>
   */
  public static final class RegistryBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<RegistryBlockingV2Stub> {
    private RegistryBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected RegistryBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new RegistryBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * GetService returns every registered version of a named service.
     * </pre>
     */
    public io.micro.sdk.registry.GetResponse getService(io.micro.sdk.registry.GetRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetServiceMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Register adds or refreshes a service and its nodes.
     * </pre>
     */
    public io.micro.sdk.registry.EmptyResponse register(io.micro.sdk.registry.Service request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getRegisterMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Deregister removes the given nodes of a service (the whole version when none remain).
     * </pre>
     */
    public io.micro.sdk.registry.EmptyResponse deregister(io.micro.sdk.registry.Service request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDeregisterMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * ListServices returns all services in a domain (names and versions only).
     * </pre>
     */
    public io.micro.sdk.registry.ListResponse listServices(io.micro.sdk.registry.ListRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListServicesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Watch streams a Result each time a service is created, updated or deleted.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, io.micro.sdk.registry.Result>
        watch(io.micro.sdk.registry.WatchRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getWatchMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service Registry.
   * <pre>
   * Registry records which services are running, where, and what endpoints they
   * expose. Entries are kept per domain (namespace) and expire after their TTL
   * unless re-registered.
   * </pre>
   */
  public static final class RegistryBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<RegistryBlockingStub> {
    private RegistryBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected RegistryBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new RegistryBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * GetService returns every registered version of a named service.
     * </pre>
     */
    public io.micro.sdk.registry.GetResponse getService(io.micro.sdk.registry.GetRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetServiceMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Register adds or refreshes a service and its nodes.
     * </pre>
     */
    public io.micro.sdk.registry.EmptyResponse register(io.micro.sdk.registry.Service request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getRegisterMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Deregister removes the given nodes of a service (the whole version when none remain).
     * </pre>
     */
    public io.micro.sdk.registry.EmptyResponse deregister(io.micro.sdk.registry.Service request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeregisterMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * ListServices returns all services in a domain (names and versions only).
     * </pre>
     */
    public io.micro.sdk.registry.ListResponse listServices(io.micro.sdk.registry.ListRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListServicesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Watch streams a Result each time a service is created, updated or deleted.
     * </pre>
     */
    public java.util.Iterator<io.micro.sdk.registry.Result> watch(
        io.micro.sdk.registry.WatchRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getWatchMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service Registry.
   * <pre>
   * Registry records which services are running, where, and what endpoints they
   * expose. Entries are kept per domain (namespace) and expire after their TTL
   * unless re-registered.
   * </pre>
   */
  public static final class RegistryFutureStub
      extends io.grpc.stub.AbstractFutureStub<RegistryFutureStub> {
    private RegistryFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected RegistryFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new RegistryFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * GetService returns every registered version of a named service.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.micro.sdk.registry.GetResponse> getService(
        io.micro.sdk.registry.GetRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetServiceMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Register adds or refreshes a service and its nodes.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.micro.sdk.registry.EmptyResponse> register(
        io.micro.sdk.registry.Service request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getRegisterMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Deregister removes the given nodes of a service (the whole version when none remain).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.micro.sdk.registry.EmptyResponse> deregister(
        io.micro.sdk.registry.Service request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeregisterMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * ListServices returns all services in a domain (names and versions only).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.micro.sdk.registry.ListResponse> listServices(
        io.micro.sdk.registry.ListRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListServicesMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_GET_SERVICE = 0;
  private static final int METHODID_REGISTER = 1;
  private static final int METHODID_DEREGISTER = 2;
  private static final int METHODID_LIST_SERVICES = 3;
  private static final int METHODID_WATCH = 4;

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
        case METHODID_GET_SERVICE:
          serviceImpl.getService((io.micro.sdk.registry.GetRequest) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.registry.GetResponse>) responseObserver);
          break;
        case METHODID_REGISTER:
          serviceImpl.register((io.micro.sdk.registry.Service) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.registry.EmptyResponse>) responseObserver);
          break;
        case METHODID_DEREGISTER:
          serviceImpl.deregister((io.micro.sdk.registry.Service) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.registry.EmptyResponse>) responseObserver);
          break;
        case METHODID_LIST_SERVICES:
          serviceImpl.listServices((io.micro.sdk.registry.ListRequest) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.registry.ListResponse>) responseObserver);
          break;
        case METHODID_WATCH:
          serviceImpl.watch((io.micro.sdk.registry.WatchRequest) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.registry.Result>) responseObserver);
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
          getGetServiceMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.micro.sdk.registry.GetRequest,
              io.micro.sdk.registry.GetResponse>(
                service, METHODID_GET_SERVICE)))
        .addMethod(
          getRegisterMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.micro.sdk.registry.Service,
              io.micro.sdk.registry.EmptyResponse>(
                service, METHODID_REGISTER)))
        .addMethod(
          getDeregisterMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.micro.sdk.registry.Service,
              io.micro.sdk.registry.EmptyResponse>(
                service, METHODID_DEREGISTER)))
        .addMethod(
          getListServicesMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.micro.sdk.registry.ListRequest,
              io.micro.sdk.registry.ListResponse>(
                service, METHODID_LIST_SERVICES)))
        .addMethod(
          getWatchMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              io.micro.sdk.registry.WatchRequest,
              io.micro.sdk.registry.Result>(
                service, METHODID_WATCH)))
        .build();
  }

  private static abstract class RegistryBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    RegistryBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return io.micro.sdk.registry.RegistryOuterClass.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("Registry");
    }
  }

  private static final class RegistryFileDescriptorSupplier
      extends RegistryBaseDescriptorSupplier {
    RegistryFileDescriptorSupplier() {}
  }

  private static final class RegistryMethodDescriptorSupplier
      extends RegistryBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    RegistryMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (RegistryGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new RegistryFileDescriptorSupplier())
              .addMethod(getGetServiceMethod())
              .addMethod(getRegisterMethod())
              .addMethod(getDeregisterMethod())
              .addMethod(getListServicesMethod())
              .addMethod(getWatchMethod())
              .build();
        }
      }
    }
    return result;
  }
}
