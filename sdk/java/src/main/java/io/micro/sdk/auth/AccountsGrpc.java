package io.micro.sdk.auth;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Accounts manages the accounts of a namespace.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class AccountsGrpc {

  private AccountsGrpc() {}

  public static final java.lang.String SERVICE_NAME = "auth.Accounts";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.auth.ListAccountsRequest,
      io.micro.sdk.auth.ListAccountsResponse> getListMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "List",
      requestType = io.micro.sdk.auth.ListAccountsRequest.class,
      responseType = io.micro.sdk.auth.ListAccountsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.micro.sdk.auth.ListAccountsRequest,
      io.micro.sdk.auth.ListAccountsResponse> getListMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.auth.ListAccountsRequest, io.micro.sdk.auth.ListAccountsResponse> getListMethod;
    if ((getListMethod = AccountsGrpc.getListMethod) == null) {
      synchronized (AccountsGrpc.class) {
        if ((getListMethod = AccountsGrpc.getListMethod) == null) {
          AccountsGrpc.getListMethod = getListMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.auth.ListAccountsRequest, io.micro.sdk.auth.ListAccountsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "List"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.auth.ListAccountsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.auth.ListAccountsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AccountsMethodDescriptorSupplier("List"))
              .build();
        }
      }
    }
    return getListMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.auth.DeleteAccountRequest,
      io.micro.sdk.auth.DeleteAccountResponse> getDeleteMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Delete",
      requestType = io.micro.sdk.auth.DeleteAccountRequest.class,
      responseType = io.micro.sdk.auth.DeleteAccountResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.micro.sdk.auth.DeleteAccountRequest,
      io.micro.sdk.auth.DeleteAccountResponse> getDeleteMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.auth.DeleteAccountRequest, io.micro.sdk.auth.DeleteAccountResponse> getDeleteMethod;
    if ((getDeleteMethod = AccountsGrpc.getDeleteMethod) == null) {
      synchronized (AccountsGrpc.class) {
        if ((getDeleteMethod = AccountsGrpc.getDeleteMethod) == null) {
          AccountsGrpc.getDeleteMethod = getDeleteMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.auth.DeleteAccountRequest, io.micro.sdk.auth.DeleteAccountResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Delete"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.auth.DeleteAccountRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.auth.DeleteAccountResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AccountsMethodDescriptorSupplier("Delete"))
              .build();
        }
      }
    }
    return getDeleteMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.auth.ChangeSecretRequest,
      io.micro.sdk.auth.ChangeSecretResponse> getChangeSecretMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ChangeSecret",
      requestType = io.micro.sdk.auth.ChangeSecretRequest.class,
      responseType = io.micro.sdk.auth.ChangeSecretResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.micro.sdk.auth.ChangeSecretRequest,
      io.micro.sdk.auth.ChangeSecretResponse> getChangeSecretMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.auth.ChangeSecretRequest, io.micro.sdk.auth.ChangeSecretResponse> getChangeSecretMethod;
    if ((getChangeSecretMethod = AccountsGrpc.getChangeSecretMethod) == null) {
      synchronized (AccountsGrpc.class) {
        if ((getChangeSecretMethod = AccountsGrpc.getChangeSecretMethod) == null) {
          AccountsGrpc.getChangeSecretMethod = getChangeSecretMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.auth.ChangeSecretRequest, io.micro.sdk.auth.ChangeSecretResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ChangeSecret"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.auth.ChangeSecretRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.auth.ChangeSecretResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AccountsMethodDescriptorSupplier("ChangeSecret"))
              .build();
        }
      }
    }
    return getChangeSecretMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static AccountsStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AccountsStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AccountsStub>() {
        @java.lang.Override
        public AccountsStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AccountsStub(channel, callOptions);
        }
      };
    return AccountsStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static AccountsBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AccountsBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AccountsBlockingV2Stub>() {
        @java.lang.Override
        public AccountsBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AccountsBlockingV2Stub(channel, callOptions);
        }
      };
    return AccountsBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static AccountsBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AccountsBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AccountsBlockingStub>() {
        @java.lang.Override
        public AccountsBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AccountsBlockingStub(channel, callOptions);
        }
      };
    return AccountsBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static AccountsFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AccountsFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AccountsFutureStub>() {
        @java.lang.Override
        public AccountsFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AccountsFutureStub(channel, callOptions);
        }
      };
    return AccountsFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Accounts manages the accounts of a namespace.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * List the accounts in a namespace.
     * </pre>
     */
    default void list(io.micro.sdk.auth.ListAccountsRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.auth.ListAccountsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListMethod(), responseObserver);
    }

    /**
     * <pre>
     * Delete an account.
     * </pre>
     */
    default void delete(io.micro.sdk.auth.DeleteAccountRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.auth.DeleteAccountResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteMethod(), responseObserver);
    }

    /**
     * <pre>
     * ChangeSecret replaces an account's secret after checking the old one.
     * </pre>
     */
    default void changeSecret(io.micro.sdk.auth.ChangeSecretRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.auth.ChangeSecretResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getChangeSecretMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service Accounts.
   * <pre>
   * Accounts manages the accounts of a namespace.
   * </pre>
   */
  public static abstract class AccountsImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return AccountsGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service Accounts.
   * <pre>
   * Accounts manages the accounts of a namespace.
   * </pre>
   */
  public static final class AccountsStub
      extends io.grpc.stub.AbstractAsyncStub<AccountsStub> {
    private AccountsStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AccountsStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AccountsStub(channel, callOptions);
    }

    /**
     * <pre>
     * List the accounts in a namespace.
     * </pre>
     */
    public void list(io.micro.sdk.auth.ListAccountsRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.auth.ListAccountsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Delete an account.
     * </pre>
     */
    public void delete(io.micro.sdk.auth.DeleteAccountRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.auth.DeleteAccountResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * ChangeSecret replaces an account's secret after checking the old one.
     * </pre>
     */
    public void changeSecret(io.micro.sdk.auth.ChangeSecretRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.auth.ChangeSecretResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getChangeSecretMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service Accounts.
   * <pre>
   * Accounts manages the accounts of a namespace.
   * </pre>
   */
  public static final class AccountsBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<AccountsBlockingV2Stub> {
    private AccountsBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AccountsBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AccountsBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * List the accounts in a namespace.
     * </pre>
     */
    public io.micro.sdk.auth.ListAccountsResponse list(io.micro.sdk.auth.ListAccountsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Delete an account.
     * </pre>
     */
    public io.micro.sdk.auth.DeleteAccountResponse delete(io.micro.sdk.auth.DeleteAccountRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDeleteMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * ChangeSecret replaces an account's secret after checking the old one.
     * </pre>
     */
    public io.micro.sdk.auth.ChangeSecretResponse changeSecret(io.micro.sdk.auth.ChangeSecretRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getChangeSecretMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service Accounts.
   * <pre>
   * Accounts manages the accounts of a namespace.
   * </pre>
   */
  public static final class AccountsBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<AccountsBlockingStub> {
    private AccountsBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AccountsBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AccountsBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * List the accounts in a namespace.
     * </pre>
     */
    public io.micro.sdk.auth.ListAccountsResponse list(io.micro.sdk.auth.ListAccountsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Delete an account.
     * </pre>
     */
    public io.micro.sdk.auth.DeleteAccountResponse delete(io.micro.sdk.auth.DeleteAccountRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * ChangeSecret replaces an account's secret after checking the old one.
     * </pre>
     */
    public io.micro.sdk.auth.ChangeSecretResponse changeSecret(io.micro.sdk.auth.ChangeSecretRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getChangeSecretMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service Accounts.
   * <pre>
   * Accounts manages the accounts of a namespace.
   * </pre>
   */
  public static final class AccountsFutureStub
      extends io.grpc.stub.AbstractFutureStub<AccountsFutureStub> {
    private AccountsFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AccountsFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AccountsFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * List the accounts in a namespace.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.micro.sdk.auth.ListAccountsResponse> list(
        io.micro.sdk.auth.ListAccountsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Delete an account.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.micro.sdk.auth.DeleteAccountResponse> delete(
        io.micro.sdk.auth.DeleteAccountRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * ChangeSecret replaces an account's secret after checking the old one.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.micro.sdk.auth.ChangeSecretResponse> changeSecret(
        io.micro.sdk.auth.ChangeSecretRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getChangeSecretMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_LIST = 0;
  private static final int METHODID_DELETE = 1;
  private static final int METHODID_CHANGE_SECRET = 2;

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
        case METHODID_LIST:
          serviceImpl.list((io.micro.sdk.auth.ListAccountsRequest) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.auth.ListAccountsResponse>) responseObserver);
          break;
        case METHODID_DELETE:
          serviceImpl.delete((io.micro.sdk.auth.DeleteAccountRequest) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.auth.DeleteAccountResponse>) responseObserver);
          break;
        case METHODID_CHANGE_SECRET:
          serviceImpl.changeSecret((io.micro.sdk.auth.ChangeSecretRequest) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.auth.ChangeSecretResponse>) responseObserver);
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
          getListMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.micro.sdk.auth.ListAccountsRequest,
              io.micro.sdk.auth.ListAccountsResponse>(
                service, METHODID_LIST)))
        .addMethod(
          getDeleteMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.micro.sdk.auth.DeleteAccountRequest,
              io.micro.sdk.auth.DeleteAccountResponse>(
                service, METHODID_DELETE)))
        .addMethod(
          getChangeSecretMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.micro.sdk.auth.ChangeSecretRequest,
              io.micro.sdk.auth.ChangeSecretResponse>(
                service, METHODID_CHANGE_SECRET)))
        .build();
  }

  private static abstract class AccountsBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    AccountsBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return io.micro.sdk.auth.AuthOuterClass.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("Accounts");
    }
  }

  private static final class AccountsFileDescriptorSupplier
      extends AccountsBaseDescriptorSupplier {
    AccountsFileDescriptorSupplier() {}
  }

  private static final class AccountsMethodDescriptorSupplier
      extends AccountsBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    AccountsMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (AccountsGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new AccountsFileDescriptorSupplier())
              .addMethod(getListMethod())
              .addMethod(getDeleteMethod())
              .addMethod(getChangeSecretMethod())
              .build();
        }
      }
    }
    return result;
  }
}
