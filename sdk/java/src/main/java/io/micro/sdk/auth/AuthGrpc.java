package io.micro.sdk.auth;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Auth creates accounts, verifies tokens and exchanges credentials for tokens.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class AuthGrpc {

  private AuthGrpc() {}

  public static final java.lang.String SERVICE_NAME = "auth.Auth";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.auth.GenerateRequest,
      io.micro.sdk.auth.GenerateResponse> getGenerateMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Generate",
      requestType = io.micro.sdk.auth.GenerateRequest.class,
      responseType = io.micro.sdk.auth.GenerateResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.micro.sdk.auth.GenerateRequest,
      io.micro.sdk.auth.GenerateResponse> getGenerateMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.auth.GenerateRequest, io.micro.sdk.auth.GenerateResponse> getGenerateMethod;
    if ((getGenerateMethod = AuthGrpc.getGenerateMethod) == null) {
      synchronized (AuthGrpc.class) {
        if ((getGenerateMethod = AuthGrpc.getGenerateMethod) == null) {
          AuthGrpc.getGenerateMethod = getGenerateMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.auth.GenerateRequest, io.micro.sdk.auth.GenerateResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Generate"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.auth.GenerateRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.auth.GenerateResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AuthMethodDescriptorSupplier("Generate"))
              .build();
        }
      }
    }
    return getGenerateMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.auth.InspectRequest,
      io.micro.sdk.auth.InspectResponse> getInspectMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Inspect",
      requestType = io.micro.sdk.auth.InspectRequest.class,
      responseType = io.micro.sdk.auth.InspectResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.micro.sdk.auth.InspectRequest,
      io.micro.sdk.auth.InspectResponse> getInspectMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.auth.InspectRequest, io.micro.sdk.auth.InspectResponse> getInspectMethod;
    if ((getInspectMethod = AuthGrpc.getInspectMethod) == null) {
      synchronized (AuthGrpc.class) {
        if ((getInspectMethod = AuthGrpc.getInspectMethod) == null) {
          AuthGrpc.getInspectMethod = getInspectMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.auth.InspectRequest, io.micro.sdk.auth.InspectResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Inspect"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.auth.InspectRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.auth.InspectResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AuthMethodDescriptorSupplier("Inspect"))
              .build();
        }
      }
    }
    return getInspectMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.auth.TokenRequest,
      io.micro.sdk.auth.TokenResponse> getTokenMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Token",
      requestType = io.micro.sdk.auth.TokenRequest.class,
      responseType = io.micro.sdk.auth.TokenResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.micro.sdk.auth.TokenRequest,
      io.micro.sdk.auth.TokenResponse> getTokenMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.auth.TokenRequest, io.micro.sdk.auth.TokenResponse> getTokenMethod;
    if ((getTokenMethod = AuthGrpc.getTokenMethod) == null) {
      synchronized (AuthGrpc.class) {
        if ((getTokenMethod = AuthGrpc.getTokenMethod) == null) {
          AuthGrpc.getTokenMethod = getTokenMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.auth.TokenRequest, io.micro.sdk.auth.TokenResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Token"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.auth.TokenRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.auth.TokenResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AuthMethodDescriptorSupplier("Token"))
              .build();
        }
      }
    }
    return getTokenMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static AuthStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AuthStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AuthStub>() {
        @java.lang.Override
        public AuthStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AuthStub(channel, callOptions);
        }
      };
    return AuthStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static AuthBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AuthBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AuthBlockingV2Stub>() {
        @java.lang.Override
        public AuthBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AuthBlockingV2Stub(channel, callOptions);
        }
      };
    return AuthBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static AuthBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AuthBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AuthBlockingStub>() {
        @java.lang.Override
        public AuthBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AuthBlockingStub(channel, callOptions);
        }
      };
    return AuthBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static AuthFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AuthFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AuthFutureStub>() {
        @java.lang.Override
        public AuthFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AuthFutureStub(channel, callOptions);
        }
      };
    return AuthFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Auth creates accounts, verifies tokens and exchanges credentials for tokens.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Generate a new account (user or service) with the given scopes and secret.
     * </pre>
     */
    default void generate(io.micro.sdk.auth.GenerateRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.auth.GenerateResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGenerateMethod(), responseObserver);
    }

    /**
     * <pre>
     * Inspect an access token and return the account it belongs to.
     * </pre>
     */
    default void inspect(io.micro.sdk.auth.InspectRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.auth.InspectResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getInspectMethod(), responseObserver);
    }

    /**
     * <pre>
     * Token exchanges an account id and secret, or a refresh token, for a new token pair.
     * </pre>
     */
    default void token(io.micro.sdk.auth.TokenRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.auth.TokenResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getTokenMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service Auth.
   * <pre>
   * Auth creates accounts, verifies tokens and exchanges credentials for tokens.
   * </pre>
   */
  public static abstract class AuthImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return AuthGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service Auth.
   * <pre>
   * Auth creates accounts, verifies tokens and exchanges credentials for tokens.
   * </pre>
   */
  public static final class AuthStub
      extends io.grpc.stub.AbstractAsyncStub<AuthStub> {
    private AuthStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AuthStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AuthStub(channel, callOptions);
    }

    /**
     * <pre>
     * Generate a new account (user or service) with the given scopes and secret.
     * </pre>
     */
    public void generate(io.micro.sdk.auth.GenerateRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.auth.GenerateResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGenerateMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Inspect an access token and return the account it belongs to.
     * </pre>
     */
    public void inspect(io.micro.sdk.auth.InspectRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.auth.InspectResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getInspectMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Token exchanges an account id and secret, or a refresh token, for a new token pair.
     * </pre>
     */
    public void token(io.micro.sdk.auth.TokenRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.auth.TokenResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getTokenMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service Auth.
   * <pre>
   * Auth creates accounts, verifies tokens and exchanges credentials for tokens.
   * </pre>
   */
  public static final class AuthBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<AuthBlockingV2Stub> {
    private AuthBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AuthBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AuthBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Generate a new account (user or service) with the given scopes and secret.
     * </pre>
     */
    public io.micro.sdk.auth.GenerateResponse generate(io.micro.sdk.auth.GenerateRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGenerateMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Inspect an access token and return the account it belongs to.
     * </pre>
     */
    public io.micro.sdk.auth.InspectResponse inspect(io.micro.sdk.auth.InspectRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getInspectMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Token exchanges an account id and secret, or a refresh token, for a new token pair.
     * </pre>
     */
    public io.micro.sdk.auth.TokenResponse token(io.micro.sdk.auth.TokenRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getTokenMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service Auth.
   * <pre>
   * Auth creates accounts, verifies tokens and exchanges credentials for tokens.
   * </pre>
   */
  public static final class AuthBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<AuthBlockingStub> {
    private AuthBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AuthBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AuthBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Generate a new account (user or service) with the given scopes and secret.
     * </pre>
     */
    public io.micro.sdk.auth.GenerateResponse generate(io.micro.sdk.auth.GenerateRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGenerateMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Inspect an access token and return the account it belongs to.
     * </pre>
     */
    public io.micro.sdk.auth.InspectResponse inspect(io.micro.sdk.auth.InspectRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getInspectMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Token exchanges an account id and secret, or a refresh token, for a new token pair.
     * </pre>
     */
    public io.micro.sdk.auth.TokenResponse token(io.micro.sdk.auth.TokenRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getTokenMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service Auth.
   * <pre>
   * Auth creates accounts, verifies tokens and exchanges credentials for tokens.
   * </pre>
   */
  public static final class AuthFutureStub
      extends io.grpc.stub.AbstractFutureStub<AuthFutureStub> {
    private AuthFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AuthFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AuthFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Generate a new account (user or service) with the given scopes and secret.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.micro.sdk.auth.GenerateResponse> generate(
        io.micro.sdk.auth.GenerateRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGenerateMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Inspect an access token and return the account it belongs to.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.micro.sdk.auth.InspectResponse> inspect(
        io.micro.sdk.auth.InspectRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getInspectMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Token exchanges an account id and secret, or a refresh token, for a new token pair.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.micro.sdk.auth.TokenResponse> token(
        io.micro.sdk.auth.TokenRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getTokenMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_GENERATE = 0;
  private static final int METHODID_INSPECT = 1;
  private static final int METHODID_TOKEN = 2;

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
        case METHODID_GENERATE:
          serviceImpl.generate((io.micro.sdk.auth.GenerateRequest) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.auth.GenerateResponse>) responseObserver);
          break;
        case METHODID_INSPECT:
          serviceImpl.inspect((io.micro.sdk.auth.InspectRequest) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.auth.InspectResponse>) responseObserver);
          break;
        case METHODID_TOKEN:
          serviceImpl.token((io.micro.sdk.auth.TokenRequest) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.auth.TokenResponse>) responseObserver);
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
          getGenerateMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.micro.sdk.auth.GenerateRequest,
              io.micro.sdk.auth.GenerateResponse>(
                service, METHODID_GENERATE)))
        .addMethod(
          getInspectMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.micro.sdk.auth.InspectRequest,
              io.micro.sdk.auth.InspectResponse>(
                service, METHODID_INSPECT)))
        .addMethod(
          getTokenMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.micro.sdk.auth.TokenRequest,
              io.micro.sdk.auth.TokenResponse>(
                service, METHODID_TOKEN)))
        .build();
  }

  private static abstract class AuthBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    AuthBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return io.micro.sdk.auth.AuthOuterClass.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("Auth");
    }
  }

  private static final class AuthFileDescriptorSupplier
      extends AuthBaseDescriptorSupplier {
    AuthFileDescriptorSupplier() {}
  }

  private static final class AuthMethodDescriptorSupplier
      extends AuthBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    AuthMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (AuthGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new AuthFileDescriptorSupplier())
              .addMethod(getGenerateMethod())
              .addMethod(getInspectMethod())
              .addMethod(getTokenMethod())
              .build();
        }
      }
    }
    return result;
  }
}
