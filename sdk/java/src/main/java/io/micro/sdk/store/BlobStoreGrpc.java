package io.micro.sdk.store;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * BlobStore holds opaque binary objects (files) keyed by name within a namespace.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class BlobStoreGrpc {

  private BlobStoreGrpc() {}

  public static final java.lang.String SERVICE_NAME = "store.BlobStore";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.store.BlobReadRequest,
      io.micro.sdk.store.BlobReadResponse> getReadMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Read",
      requestType = io.micro.sdk.store.BlobReadRequest.class,
      responseType = io.micro.sdk.store.BlobReadResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<io.micro.sdk.store.BlobReadRequest,
      io.micro.sdk.store.BlobReadResponse> getReadMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.store.BlobReadRequest, io.micro.sdk.store.BlobReadResponse> getReadMethod;
    if ((getReadMethod = BlobStoreGrpc.getReadMethod) == null) {
      synchronized (BlobStoreGrpc.class) {
        if ((getReadMethod = BlobStoreGrpc.getReadMethod) == null) {
          BlobStoreGrpc.getReadMethod = getReadMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.store.BlobReadRequest, io.micro.sdk.store.BlobReadResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Read"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.store.BlobReadRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.store.BlobReadResponse.getDefaultInstance()))
              .setSchemaDescriptor(new BlobStoreMethodDescriptorSupplier("Read"))
              .build();
        }
      }
    }
    return getReadMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.store.BlobWriteRequest,
      io.micro.sdk.store.BlobWriteResponse> getWriteMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Write",
      requestType = io.micro.sdk.store.BlobWriteRequest.class,
      responseType = io.micro.sdk.store.BlobWriteResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.CLIENT_STREAMING)
  public static io.grpc.MethodDescriptor<io.micro.sdk.store.BlobWriteRequest,
      io.micro.sdk.store.BlobWriteResponse> getWriteMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.store.BlobWriteRequest, io.micro.sdk.store.BlobWriteResponse> getWriteMethod;
    if ((getWriteMethod = BlobStoreGrpc.getWriteMethod) == null) {
      synchronized (BlobStoreGrpc.class) {
        if ((getWriteMethod = BlobStoreGrpc.getWriteMethod) == null) {
          BlobStoreGrpc.getWriteMethod = getWriteMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.store.BlobWriteRequest, io.micro.sdk.store.BlobWriteResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.CLIENT_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Write"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.store.BlobWriteRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.store.BlobWriteResponse.getDefaultInstance()))
              .setSchemaDescriptor(new BlobStoreMethodDescriptorSupplier("Write"))
              .build();
        }
      }
    }
    return getWriteMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.store.BlobDeleteRequest,
      io.micro.sdk.store.BlobDeleteResponse> getDeleteMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Delete",
      requestType = io.micro.sdk.store.BlobDeleteRequest.class,
      responseType = io.micro.sdk.store.BlobDeleteResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.micro.sdk.store.BlobDeleteRequest,
      io.micro.sdk.store.BlobDeleteResponse> getDeleteMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.store.BlobDeleteRequest, io.micro.sdk.store.BlobDeleteResponse> getDeleteMethod;
    if ((getDeleteMethod = BlobStoreGrpc.getDeleteMethod) == null) {
      synchronized (BlobStoreGrpc.class) {
        if ((getDeleteMethod = BlobStoreGrpc.getDeleteMethod) == null) {
          BlobStoreGrpc.getDeleteMethod = getDeleteMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.store.BlobDeleteRequest, io.micro.sdk.store.BlobDeleteResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Delete"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.store.BlobDeleteRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.store.BlobDeleteResponse.getDefaultInstance()))
              .setSchemaDescriptor(new BlobStoreMethodDescriptorSupplier("Delete"))
              .build();
        }
      }
    }
    return getDeleteMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.store.BlobListRequest,
      io.micro.sdk.store.BlobListResponse> getListMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "List",
      requestType = io.micro.sdk.store.BlobListRequest.class,
      responseType = io.micro.sdk.store.BlobListResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.micro.sdk.store.BlobListRequest,
      io.micro.sdk.store.BlobListResponse> getListMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.store.BlobListRequest, io.micro.sdk.store.BlobListResponse> getListMethod;
    if ((getListMethod = BlobStoreGrpc.getListMethod) == null) {
      synchronized (BlobStoreGrpc.class) {
        if ((getListMethod = BlobStoreGrpc.getListMethod) == null) {
          BlobStoreGrpc.getListMethod = getListMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.store.BlobListRequest, io.micro.sdk.store.BlobListResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "List"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.store.BlobListRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.store.BlobListResponse.getDefaultInstance()))
              .setSchemaDescriptor(new BlobStoreMethodDescriptorSupplier("List"))
              .build();
        }
      }
    }
    return getListMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static BlobStoreStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<BlobStoreStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<BlobStoreStub>() {
        @java.lang.Override
        public BlobStoreStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new BlobStoreStub(channel, callOptions);
        }
      };
    return BlobStoreStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static BlobStoreBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<BlobStoreBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<BlobStoreBlockingV2Stub>() {
        @java.lang.Override
        public BlobStoreBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new BlobStoreBlockingV2Stub(channel, callOptions);
        }
      };
    return BlobStoreBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static BlobStoreBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<BlobStoreBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<BlobStoreBlockingStub>() {
        @java.lang.Override
        public BlobStoreBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new BlobStoreBlockingStub(channel, callOptions);
        }
      };
    return BlobStoreBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static BlobStoreFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<BlobStoreFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<BlobStoreFutureStub>() {
        @java.lang.Override
        public BlobStoreFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new BlobStoreFutureStub(channel, callOptions);
        }
      };
    return BlobStoreFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * BlobStore holds opaque binary objects (files) keyed by name within a namespace.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Read a blob; its bytes are streamed back in chunks.
     * </pre>
     */
    default void read(io.micro.sdk.store.BlobReadRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.store.BlobReadResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getReadMethod(), responseObserver);
    }

    /**
     * <pre>
     * Write a blob by streaming it in chunks; key and options are taken from the first message.
     * </pre>
     */
    default io.grpc.stub.StreamObserver<io.micro.sdk.store.BlobWriteRequest> write(
        io.grpc.stub.StreamObserver<io.micro.sdk.store.BlobWriteResponse> responseObserver) {
      return io.grpc.stub.ServerCalls.asyncUnimplementedStreamingCall(getWriteMethod(), responseObserver);
    }

    /**
     * <pre>
     * Delete a blob by key.
     * </pre>
     */
    default void delete(io.micro.sdk.store.BlobDeleteRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.store.BlobDeleteResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteMethod(), responseObserver);
    }

    /**
     * <pre>
     * List the keys of the blobs in a namespace, optionally filtered by prefix.
     * </pre>
     */
    default void list(io.micro.sdk.store.BlobListRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.store.BlobListResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service BlobStore.
   * <pre>
   * BlobStore holds opaque binary objects (files) keyed by name within a namespace.
   * </pre>
   */
  public static abstract class BlobStoreImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return BlobStoreGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service BlobStore.
   * <pre>
   * BlobStore holds opaque binary objects (files) keyed by name within a namespace.
   * </pre>
   */
  public static final class BlobStoreStub
      extends io.grpc.stub.AbstractAsyncStub<BlobStoreStub> {
    private BlobStoreStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected BlobStoreStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new BlobStoreStub(channel, callOptions);
    }

    /**
     * <pre>
     * Read a blob; its bytes are streamed back in chunks.
     * </pre>
     */
    public void read(io.micro.sdk.store.BlobReadRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.store.BlobReadResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getReadMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Write a blob by streaming it in chunks; key and options are taken from the first message.
     * </pre>
     */
    public io.grpc.stub.StreamObserver<io.micro.sdk.store.BlobWriteRequest> write(
        io.grpc.stub.StreamObserver<io.micro.sdk.store.BlobWriteResponse> responseObserver) {
      return io.grpc.stub.ClientCalls.asyncClientStreamingCall(
          getChannel().newCall(getWriteMethod(), getCallOptions()), responseObserver);
    }

    /**
     * <pre>
     * Delete a blob by key.
     * </pre>
     */
    public void delete(io.micro.sdk.store.BlobDeleteRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.store.BlobDeleteResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * List the keys of the blobs in a namespace, optionally filtered by prefix.
     * </pre>
     */
    public void list(io.micro.sdk.store.BlobListRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.store.BlobListResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service BlobStore.
   * <pre>
   * BlobStore holds opaque binary objects (files) keyed by name within a namespace.
   * </pre>
   */
  public static final class BlobStoreBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<BlobStoreBlockingV2Stub> {
    private BlobStoreBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected BlobStoreBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new BlobStoreBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Read a blob; its bytes are streamed back in chunks.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, io.micro.sdk.store.BlobReadResponse>
        read(io.micro.sdk.store.BlobReadRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getReadMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Write a blob by streaming it in chunks; key and options are taken from the first message.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<io.micro.sdk.store.BlobWriteRequest, io.micro.sdk.store.BlobWriteResponse>
        write() {
      return io.grpc.stub.ClientCalls.blockingClientStreamingCall(
          getChannel(), getWriteMethod(), getCallOptions());
    }

    /**
     * <pre>
     * Delete a blob by key.
     * </pre>
     */
    public io.micro.sdk.store.BlobDeleteResponse delete(io.micro.sdk.store.BlobDeleteRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDeleteMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * List the keys of the blobs in a namespace, optionally filtered by prefix.
     * </pre>
     */
    public io.micro.sdk.store.BlobListResponse list(io.micro.sdk.store.BlobListRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service BlobStore.
   * <pre>
   * BlobStore holds opaque binary objects (files) keyed by name within a namespace.
   * </pre>
   */
  public static final class BlobStoreBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<BlobStoreBlockingStub> {
    private BlobStoreBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected BlobStoreBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new BlobStoreBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Read a blob; its bytes are streamed back in chunks.
     * </pre>
     */
    public java.util.Iterator<io.micro.sdk.store.BlobReadResponse> read(
        io.micro.sdk.store.BlobReadRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getReadMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Delete a blob by key.
     * </pre>
     */
    public io.micro.sdk.store.BlobDeleteResponse delete(io.micro.sdk.store.BlobDeleteRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * List the keys of the blobs in a namespace, optionally filtered by prefix.
     * </pre>
     */
    public io.micro.sdk.store.BlobListResponse list(io.micro.sdk.store.BlobListRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service BlobStore.
   * <pre>
   * BlobStore holds opaque binary objects (files) keyed by name within a namespace.
   * </pre>
   */
  public static final class BlobStoreFutureStub
      extends io.grpc.stub.AbstractFutureStub<BlobStoreFutureStub> {
    private BlobStoreFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected BlobStoreFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new BlobStoreFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Delete a blob by key.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.micro.sdk.store.BlobDeleteResponse> delete(
        io.micro.sdk.store.BlobDeleteRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * List the keys of the blobs in a namespace, optionally filtered by prefix.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.micro.sdk.store.BlobListResponse> list(
        io.micro.sdk.store.BlobListRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_READ = 0;
  private static final int METHODID_DELETE = 1;
  private static final int METHODID_LIST = 2;
  private static final int METHODID_WRITE = 3;

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
          serviceImpl.read((io.micro.sdk.store.BlobReadRequest) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.store.BlobReadResponse>) responseObserver);
          break;
        case METHODID_DELETE:
          serviceImpl.delete((io.micro.sdk.store.BlobDeleteRequest) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.store.BlobDeleteResponse>) responseObserver);
          break;
        case METHODID_LIST:
          serviceImpl.list((io.micro.sdk.store.BlobListRequest) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.store.BlobListResponse>) responseObserver);
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
        case METHODID_WRITE:
          return (io.grpc.stub.StreamObserver<Req>) serviceImpl.write(
              (io.grpc.stub.StreamObserver<io.micro.sdk.store.BlobWriteResponse>) responseObserver);
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getReadMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              io.micro.sdk.store.BlobReadRequest,
              io.micro.sdk.store.BlobReadResponse>(
                service, METHODID_READ)))
        .addMethod(
          getWriteMethod(),
          io.grpc.stub.ServerCalls.asyncClientStreamingCall(
            new MethodHandlers<
              io.micro.sdk.store.BlobWriteRequest,
              io.micro.sdk.store.BlobWriteResponse>(
                service, METHODID_WRITE)))
        .addMethod(
          getDeleteMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.micro.sdk.store.BlobDeleteRequest,
              io.micro.sdk.store.BlobDeleteResponse>(
                service, METHODID_DELETE)))
        .addMethod(
          getListMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.micro.sdk.store.BlobListRequest,
              io.micro.sdk.store.BlobListResponse>(
                service, METHODID_LIST)))
        .build();
  }

  private static abstract class BlobStoreBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    BlobStoreBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return io.micro.sdk.store.StoreOuterClass.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("BlobStore");
    }
  }

  private static final class BlobStoreFileDescriptorSupplier
      extends BlobStoreBaseDescriptorSupplier {
    BlobStoreFileDescriptorSupplier() {}
  }

  private static final class BlobStoreMethodDescriptorSupplier
      extends BlobStoreBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    BlobStoreMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (BlobStoreGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new BlobStoreFileDescriptorSupplier())
              .addMethod(getReadMethod())
              .addMethod(getWriteMethod())
              .addMethod(getDeleteMethod())
              .addMethod(getListMethod())
              .build();
        }
      }
    }
    return result;
  }
}
