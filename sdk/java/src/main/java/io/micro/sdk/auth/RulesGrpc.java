package io.micro.sdk.auth;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Rules manages the access rules that decide which accounts may call which resources.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class RulesGrpc {

  private RulesGrpc() {}

  public static final java.lang.String SERVICE_NAME = "auth.Rules";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.auth.CreateRequest,
      io.micro.sdk.auth.CreateResponse> getCreateMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Create",
      requestType = io.micro.sdk.auth.CreateRequest.class,
      responseType = io.micro.sdk.auth.CreateResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.micro.sdk.auth.CreateRequest,
      io.micro.sdk.auth.CreateResponse> getCreateMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.auth.CreateRequest, io.micro.sdk.auth.CreateResponse> getCreateMethod;
    if ((getCreateMethod = RulesGrpc.getCreateMethod) == null) {
      synchronized (RulesGrpc.class) {
        if ((getCreateMethod = RulesGrpc.getCreateMethod) == null) {
          RulesGrpc.getCreateMethod = getCreateMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.auth.CreateRequest, io.micro.sdk.auth.CreateResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Create"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.auth.CreateRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.auth.CreateResponse.getDefaultInstance()))
              .setSchemaDescriptor(new RulesMethodDescriptorSupplier("Create"))
              .build();
        }
      }
    }
    return getCreateMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.auth.DeleteRequest,
      io.micro.sdk.auth.DeleteResponse> getDeleteMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Delete",
      requestType = io.micro.sdk.auth.DeleteRequest.class,
      responseType = io.micro.sdk.auth.DeleteResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.micro.sdk.auth.DeleteRequest,
      io.micro.sdk.auth.DeleteResponse> getDeleteMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.auth.DeleteRequest, io.micro.sdk.auth.DeleteResponse> getDeleteMethod;
    if ((getDeleteMethod = RulesGrpc.getDeleteMethod) == null) {
      synchronized (RulesGrpc.class) {
        if ((getDeleteMethod = RulesGrpc.getDeleteMethod) == null) {
          RulesGrpc.getDeleteMethod = getDeleteMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.auth.DeleteRequest, io.micro.sdk.auth.DeleteResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Delete"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.auth.DeleteRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.auth.DeleteResponse.getDefaultInstance()))
              .setSchemaDescriptor(new RulesMethodDescriptorSupplier("Delete"))
              .build();
        }
      }
    }
    return getDeleteMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.auth.ListRequest,
      io.micro.sdk.auth.ListResponse> getListMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "List",
      requestType = io.micro.sdk.auth.ListRequest.class,
      responseType = io.micro.sdk.auth.ListResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.micro.sdk.auth.ListRequest,
      io.micro.sdk.auth.ListResponse> getListMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.auth.ListRequest, io.micro.sdk.auth.ListResponse> getListMethod;
    if ((getListMethod = RulesGrpc.getListMethod) == null) {
      synchronized (RulesGrpc.class) {
        if ((getListMethod = RulesGrpc.getListMethod) == null) {
          RulesGrpc.getListMethod = getListMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.auth.ListRequest, io.micro.sdk.auth.ListResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "List"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.auth.ListRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.auth.ListResponse.getDefaultInstance()))
              .setSchemaDescriptor(new RulesMethodDescriptorSupplier("List"))
              .build();
        }
      }
    }
    return getListMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static RulesStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<RulesStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<RulesStub>() {
        @java.lang.Override
        public RulesStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new RulesStub(channel, callOptions);
        }
      };
    return RulesStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static RulesBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<RulesBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<RulesBlockingV2Stub>() {
        @java.lang.Override
        public RulesBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new RulesBlockingV2Stub(channel, callOptions);
        }
      };
    return RulesBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static RulesBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<RulesBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<RulesBlockingStub>() {
        @java.lang.Override
        public RulesBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new RulesBlockingStub(channel, callOptions);
        }
      };
    return RulesBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static RulesFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<RulesFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<RulesFutureStub>() {
        @java.lang.Override
        public RulesFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new RulesFutureStub(channel, callOptions);
        }
      };
    return RulesFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Rules manages the access rules that decide which accounts may call which resources.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Create an access rule.
     * </pre>
     */
    default void create(io.micro.sdk.auth.CreateRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.auth.CreateResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCreateMethod(), responseObserver);
    }

    /**
     * <pre>
     * Delete an access rule by id.
     * </pre>
     */
    default void delete(io.micro.sdk.auth.DeleteRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.auth.DeleteResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteMethod(), responseObserver);
    }

    /**
     * <pre>
     * List the access rules of a namespace.
     * </pre>
     */
    default void list(io.micro.sdk.auth.ListRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.auth.ListResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service Rules.
   * <pre>
   * Rules manages the access rules that decide which accounts may call which resources.
   * </pre>
   */
  public static abstract class RulesImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return RulesGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service Rules.
   * <pre>
   * Rules manages the access rules that decide which accounts may call which resources.
   * </pre>
   */
  public static final class RulesStub
      extends io.grpc.stub.AbstractAsyncStub<RulesStub> {
    private RulesStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected RulesStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new RulesStub(channel, callOptions);
    }

    /**
     * <pre>
     * Create an access rule.
     * </pre>
     */
    public void create(io.micro.sdk.auth.CreateRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.auth.CreateResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCreateMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Delete an access rule by id.
     * </pre>
     */
    public void delete(io.micro.sdk.auth.DeleteRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.auth.DeleteResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * List the access rules of a namespace.
     * </pre>
     */
    public void list(io.micro.sdk.auth.ListRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.auth.ListResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service Rules.
   * <pre>
   * Rules manages the access rules that decide which accounts may call which resources.
   * </pre>
   */
  public static final class RulesBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<RulesBlockingV2Stub> {
    private RulesBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected RulesBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new RulesBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Create an access rule.
     * </pre>
     */
    public io.micro.sdk.auth.CreateResponse create(io.micro.sdk.auth.CreateRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCreateMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Delete an access rule by id.
     * </pre>
     */
    public io.micro.sdk.auth.DeleteResponse delete(io.micro.sdk.auth.DeleteRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDeleteMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * List the access rules of a namespace.
     * </pre>
     */
    public io.micro.sdk.auth.ListResponse list(io.micro.sdk.auth.ListRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service Rules.
   * <pre>
   * Rules manages the access rules that decide which accounts may call which resources.
   * </pre>
   */
  public static final class RulesBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<RulesBlockingStub> {
    private RulesBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected RulesBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new RulesBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Create an access rule.
     * </pre>
     */
    public io.micro.sdk.auth.CreateResponse create(io.micro.sdk.auth.CreateRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCreateMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Delete an access rule by id.
     * </pre>
     */
    public io.micro.sdk.auth.DeleteResponse delete(io.micro.sdk.auth.DeleteRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * List the access rules of a namespace.
     * </pre>
     */
    public io.micro.sdk.auth.ListResponse list(io.micro.sdk.auth.ListRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service Rules.
   * <pre>
   * Rules manages the access rules that decide which accounts may call which resources.
   * </pre>
   */
  public static final class RulesFutureStub
      extends io.grpc.stub.AbstractFutureStub<RulesFutureStub> {
    private RulesFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected RulesFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new RulesFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Create an access rule.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.micro.sdk.auth.CreateResponse> create(
        io.micro.sdk.auth.CreateRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCreateMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Delete an access rule by id.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.micro.sdk.auth.DeleteResponse> delete(
        io.micro.sdk.auth.DeleteRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * List the access rules of a namespace.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.micro.sdk.auth.ListResponse> list(
        io.micro.sdk.auth.ListRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_CREATE = 0;
  private static final int METHODID_DELETE = 1;
  private static final int METHODID_LIST = 2;

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
          serviceImpl.create((io.micro.sdk.auth.CreateRequest) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.auth.CreateResponse>) responseObserver);
          break;
        case METHODID_DELETE:
          serviceImpl.delete((io.micro.sdk.auth.DeleteRequest) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.auth.DeleteResponse>) responseObserver);
          break;
        case METHODID_LIST:
          serviceImpl.list((io.micro.sdk.auth.ListRequest) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.auth.ListResponse>) responseObserver);
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
              io.micro.sdk.auth.CreateRequest,
              io.micro.sdk.auth.CreateResponse>(
                service, METHODID_CREATE)))
        .addMethod(
          getDeleteMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.micro.sdk.auth.DeleteRequest,
              io.micro.sdk.auth.DeleteResponse>(
                service, METHODID_DELETE)))
        .addMethod(
          getListMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.micro.sdk.auth.ListRequest,
              io.micro.sdk.auth.ListResponse>(
                service, METHODID_LIST)))
        .build();
  }

  private static abstract class RulesBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    RulesBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return io.micro.sdk.auth.AuthOuterClass.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("Rules");
    }
  }

  private static final class RulesFileDescriptorSupplier
      extends RulesBaseDescriptorSupplier {
    RulesFileDescriptorSupplier() {}
  }

  private static final class RulesMethodDescriptorSupplier
      extends RulesBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    RulesMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (RulesGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new RulesFileDescriptorSupplier())
              .addMethod(getCreateMethod())
              .addMethod(getDeleteMethod())
              .addMethod(getListMethod())
              .build();
        }
      }
    }
    return result;
  }
}
