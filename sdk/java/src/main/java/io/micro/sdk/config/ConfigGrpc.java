package io.micro.sdk.config;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Config stores hierarchical JSON configuration per namespace. Paths are dotted
 * (e.g. "db.address"); secret values are encrypted at rest.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class ConfigGrpc {

  private ConfigGrpc() {}

  public static final java.lang.String SERVICE_NAME = "config.Config";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.config.GetRequest,
      io.micro.sdk.config.GetResponse> getGetMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Get",
      requestType = io.micro.sdk.config.GetRequest.class,
      responseType = io.micro.sdk.config.GetResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.micro.sdk.config.GetRequest,
      io.micro.sdk.config.GetResponse> getGetMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.config.GetRequest, io.micro.sdk.config.GetResponse> getGetMethod;
    if ((getGetMethod = ConfigGrpc.getGetMethod) == null) {
      synchronized (ConfigGrpc.class) {
        if ((getGetMethod = ConfigGrpc.getGetMethod) == null) {
          ConfigGrpc.getGetMethod = getGetMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.config.GetRequest, io.micro.sdk.config.GetResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Get"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.config.GetRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.config.GetResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ConfigMethodDescriptorSupplier("Get"))
              .build();
        }
      }
    }
    return getGetMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.config.SetRequest,
      io.micro.sdk.config.SetResponse> getSetMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Set",
      requestType = io.micro.sdk.config.SetRequest.class,
      responseType = io.micro.sdk.config.SetResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.micro.sdk.config.SetRequest,
      io.micro.sdk.config.SetResponse> getSetMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.config.SetRequest, io.micro.sdk.config.SetResponse> getSetMethod;
    if ((getSetMethod = ConfigGrpc.getSetMethod) == null) {
      synchronized (ConfigGrpc.class) {
        if ((getSetMethod = ConfigGrpc.getSetMethod) == null) {
          ConfigGrpc.getSetMethod = getSetMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.config.SetRequest, io.micro.sdk.config.SetResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Set"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.config.SetRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.config.SetResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ConfigMethodDescriptorSupplier("Set"))
              .build();
        }
      }
    }
    return getSetMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.config.DeleteRequest,
      io.micro.sdk.config.DeleteResponse> getDeleteMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Delete",
      requestType = io.micro.sdk.config.DeleteRequest.class,
      responseType = io.micro.sdk.config.DeleteResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.micro.sdk.config.DeleteRequest,
      io.micro.sdk.config.DeleteResponse> getDeleteMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.config.DeleteRequest, io.micro.sdk.config.DeleteResponse> getDeleteMethod;
    if ((getDeleteMethod = ConfigGrpc.getDeleteMethod) == null) {
      synchronized (ConfigGrpc.class) {
        if ((getDeleteMethod = ConfigGrpc.getDeleteMethod) == null) {
          ConfigGrpc.getDeleteMethod = getDeleteMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.config.DeleteRequest, io.micro.sdk.config.DeleteResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Delete"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.config.DeleteRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.config.DeleteResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ConfigMethodDescriptorSupplier("Delete"))
              .build();
        }
      }
    }
    return getDeleteMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.config.ReadRequest,
      io.micro.sdk.config.ReadResponse> getReadMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Read",
      requestType = io.micro.sdk.config.ReadRequest.class,
      responseType = io.micro.sdk.config.ReadResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.micro.sdk.config.ReadRequest,
      io.micro.sdk.config.ReadResponse> getReadMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.config.ReadRequest, io.micro.sdk.config.ReadResponse> getReadMethod;
    if ((getReadMethod = ConfigGrpc.getReadMethod) == null) {
      synchronized (ConfigGrpc.class) {
        if ((getReadMethod = ConfigGrpc.getReadMethod) == null) {
          ConfigGrpc.getReadMethod = getReadMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.config.ReadRequest, io.micro.sdk.config.ReadResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Read"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.config.ReadRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.config.ReadResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ConfigMethodDescriptorSupplier("Read"))
              .build();
        }
      }
    }
    return getReadMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static ConfigStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ConfigStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ConfigStub>() {
        @java.lang.Override
        public ConfigStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ConfigStub(channel, callOptions);
        }
      };
    return ConfigStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static ConfigBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ConfigBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ConfigBlockingV2Stub>() {
        @java.lang.Override
        public ConfigBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ConfigBlockingV2Stub(channel, callOptions);
        }
      };
    return ConfigBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static ConfigBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ConfigBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ConfigBlockingStub>() {
        @java.lang.Override
        public ConfigBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ConfigBlockingStub(channel, callOptions);
        }
      };
    return ConfigBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static ConfigFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ConfigFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ConfigFutureStub>() {
        @java.lang.Override
        public ConfigFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ConfigFutureStub(channel, callOptions);
        }
      };
    return ConfigFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Config stores hierarchical JSON configuration per namespace. Paths are dotted
   * (e.g. "db.address"); secret values are encrypted at rest.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Get the value at a path (the whole namespace when the path is empty).
     * </pre>
     */
    default void get(io.micro.sdk.config.GetRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.config.GetResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetMethod(), responseObserver);
    }

    /**
     * <pre>
     * Set the value at a path, creating intermediate objects as needed.
     * </pre>
     */
    default void set(io.micro.sdk.config.SetRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.config.SetResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSetMethod(), responseObserver);
    }

    /**
     * <pre>
     * Delete the value at a path.
     * </pre>
     */
    default void delete(io.micro.sdk.config.DeleteRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.config.DeleteResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteMethod(), responseObserver);
    }

    /**
     * <pre>
     * Read is the legacy form of Get, kept for older clients; it returns a change set.
     * </pre>
     */
    default void read(io.micro.sdk.config.ReadRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.config.ReadResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getReadMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service Config.
   * <pre>
   * Config stores hierarchical JSON configuration per namespace. Paths are dotted
   * (e.g. "db.address"); secret values are encrypted at rest.
   * </pre>
   */
  public static abstract class ConfigImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return ConfigGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service Config.
   * <pre>
   * Config stores hierarchical JSON configuration per namespace. Paths are dotted
   * (e.g. "db.address"); secret values are encrypted at rest.
   * </pre>
   */
  public static final class ConfigStub
      extends io.grpc.stub.AbstractAsyncStub<ConfigStub> {
    private ConfigStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ConfigStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ConfigStub(channel, callOptions);
    }

    /**
     * <pre>
     * Get the value at a path (the whole namespace when the path is empty).
     * </pre>
     */
    public void get(io.micro.sdk.config.GetRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.config.GetResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Set the value at a path, creating intermediate objects as needed.
     * </pre>
     */
    public void set(io.micro.sdk.config.SetRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.config.SetResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSetMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Delete the value at a path.
     * </pre>
     */
    public void delete(io.micro.sdk.config.DeleteRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.config.DeleteResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Read is the legacy form of Get, kept for older clients; it returns a change set.
     * </pre>
     */
    public void read(io.micro.sdk.config.ReadRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.config.ReadResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getReadMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service Config.
   * <pre>
   * Config stores hierarchical JSON configuration per namespace. Paths are dotted
   * (e.g. "db.address"); secret values are encrypted at rest.
   * </pre>
   */
  public static final class ConfigBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<ConfigBlockingV2Stub> {
    private ConfigBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ConfigBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ConfigBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Get the value at a path (the whole namespace when the path is empty).
     * </pre>
     */
    public io.micro.sdk.config.GetResponse get(io.micro.sdk.config.GetRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Set the value at a path, creating intermediate objects as needed.
     * </pre>
     */
    public io.micro.sdk.config.SetResponse set(io.micro.sdk.config.SetRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSetMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Delete the value at a path.
     * </pre>
     */
    public io.micro.sdk.config.DeleteResponse delete(io.micro.sdk.config.DeleteRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDeleteMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Read is the legacy form of Get, kept for older clients; it returns a change set.
     * </pre>
     */
    public io.micro.sdk.config.ReadResponse read(io.micro.sdk.config.ReadRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getReadMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service Config.
   * <pre>
   * Config stores hierarchical JSON configuration per namespace. Paths are dotted
   * (e.g. "db.address"); secret values are encrypted at rest.
   * </pre>
   */
  public static final class ConfigBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<ConfigBlockingStub> {
    private ConfigBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ConfigBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ConfigBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Get the value at a path (the whole namespace when the path is empty).
     * </pre>
     */
    public io.micro.sdk.config.GetResponse get(io.micro.sdk.config.GetRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Set the value at a path, creating intermediate objects as needed.
     * </pre>
     */
    public io.micro.sdk.config.SetResponse set(io.micro.sdk.config.SetRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSetMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Delete the value at a path.
     * </pre>
     */
    public io.micro.sdk.config.DeleteResponse delete(io.micro.sdk.config.DeleteRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Read is the legacy form of Get, kept for older clients; it returns a change set.
     * </pre>
     */
    public io.micro.sdk.config.ReadResponse read(io.micro.sdk.config.ReadRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getReadMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service Config.
   * <pre>
   * Config stores hierarchical JSON configuration per namespace. Paths are dotted
   * (e.g. "db.address"); secret values are encrypted at rest.
   * </pre>
   */
  public static final class ConfigFutureStub
      extends io.grpc.stub.AbstractFutureStub<ConfigFutureStub> {
    private ConfigFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ConfigFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ConfigFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Get the value at a path (the whole namespace when the path is empty).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.micro.sdk.config.GetResponse> get(
        io.micro.sdk.config.GetRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Set the value at a path, creating intermediate objects as needed.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.micro.sdk.config.SetResponse> set(
        io.micro.sdk.config.SetRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSetMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Delete the value at a path.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.micro.sdk.config.DeleteResponse> delete(
        io.micro.sdk.config.DeleteRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Read is the legacy form of Get, kept for older clients; it returns a change set.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.micro.sdk.config.ReadResponse> read(
        io.micro.sdk.config.ReadRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getReadMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_GET = 0;
  private static final int METHODID_SET = 1;
  private static final int METHODID_DELETE = 2;
  private static final int METHODID_READ = 3;

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
        case METHODID_GET:
          serviceImpl.get((io.micro.sdk.config.GetRequest) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.config.GetResponse>) responseObserver);
          break;
        case METHODID_SET:
          serviceImpl.set((io.micro.sdk.config.SetRequest) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.config.SetResponse>) responseObserver);
          break;
        case METHODID_DELETE:
          serviceImpl.delete((io.micro.sdk.config.DeleteRequest) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.config.DeleteResponse>) responseObserver);
          break;
        case METHODID_READ:
          serviceImpl.read((io.micro.sdk.config.ReadRequest) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.config.ReadResponse>) responseObserver);
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
          getGetMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.micro.sdk.config.GetRequest,
              io.micro.sdk.config.GetResponse>(
                service, METHODID_GET)))
        .addMethod(
          getSetMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.micro.sdk.config.SetRequest,
              io.micro.sdk.config.SetResponse>(
                service, METHODID_SET)))
        .addMethod(
          getDeleteMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.micro.sdk.config.DeleteRequest,
              io.micro.sdk.config.DeleteResponse>(
                service, METHODID_DELETE)))
        .addMethod(
          getReadMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.micro.sdk.config.ReadRequest,
              io.micro.sdk.config.ReadResponse>(
                service, METHODID_READ)))
        .build();
  }

  private static abstract class ConfigBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    ConfigBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return io.micro.sdk.config.ConfigOuterClass.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("Config");
    }
  }

  private static final class ConfigFileDescriptorSupplier
      extends ConfigBaseDescriptorSupplier {
    ConfigFileDescriptorSupplier() {}
  }

  private static final class ConfigMethodDescriptorSupplier
      extends ConfigBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    ConfigMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (ConfigGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new ConfigFileDescriptorSupplier())
              .addMethod(getGetMethod())
              .addMethod(getSetMethod())
              .addMethod(getDeleteMethod())
              .addMethod(getReadMethod())
              .build();
        }
      }
    }
    return result;
  }
}
