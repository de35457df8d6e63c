package io.micro.sdk.store;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Store is a namespaced key/value store. Data is partitioned into databases and
 * tables; when none is given the caller's namespace and a default table are used.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class StoreGrpc {

  private StoreGrpc() {}

  public static final java.lang.String SERVICE_NAME = "store.Store";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.store.ReadRequest,
      io.micro.sdk.store.ReadResponse> getReadMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Read",
      requestType = io.micro.sdk.store.ReadRequest.class,
      responseType = io.micro.sdk.store.ReadResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.micro.sdk.store.ReadRequest,
      io.micro.sdk.store.ReadResponse> getReadMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.store.ReadRequest, io.micro.sdk.store.ReadResponse> getReadMethod;
    if ((getReadMethod = StoreGrpc.getReadMethod) == null) {
      synchronized (StoreGrpc.class) {
        if ((getReadMethod = StoreGrpc.getReadMethod) == null) {
          StoreGrpc.getReadMethod = getReadMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.store.ReadRequest, io.micro.sdk.store.ReadResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Read"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.store.ReadRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.store.ReadResponse.getDefaultInstance()))
              .setSchemaDescriptor(new StoreMethodDescriptorSupplier("Read"))
              .build();
        }
      }
    }
    return getReadMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.store.WriteRequest,
      io.micro.sdk.store.WriteResponse> getWriteMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Write",
      requestType = io.micro.sdk.store.WriteRequest.class,
      responseType = io.micro.sdk.store.WriteResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.micro.sdk.store.WriteRequest,
      io.micro.sdk.store.WriteResponse> getWriteMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.store.WriteRequest, io.micro.sdk.store.WriteResponse> getWriteMethod;
    if ((getWriteMethod = StoreGrpc.getWriteMethod) == null) {
      synchronized (StoreGrpc.class) {
        if ((getWriteMethod = StoreGrpc.getWriteMethod) == null) {
          StoreGrpc.getWriteMethod = getWriteMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.store.WriteRequest, io.micro.sdk.store.WriteResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Write"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.store.WriteRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.store.WriteResponse.getDefaultInstance()))
              .setSchemaDescriptor(new StoreMethodDescriptorSupplier("Write"))
              .build();
        }
      }
    }
    return getWriteMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.store.DeleteRequest,
      io.micro.sdk.store.DeleteResponse> getDeleteMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Delete",
      requestType = io.micro.sdk.store.DeleteRequest.class,
      responseType = io.micro.sdk.store.DeleteResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.micro.sdk.store.DeleteRequest,
      io.micro.sdk.store.DeleteResponse> getDeleteMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.store.DeleteRequest, io.micro.sdk.store.DeleteResponse> getDeleteMethod;
    if ((getDeleteMethod = StoreGrpc.getDeleteMethod) == null) {
      synchronized (StoreGrpc.class) {
        if ((getDeleteMethod = StoreGrpc.getDeleteMethod) == null) {
          StoreGrpc.getDeleteMethod = getDeleteMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.store.DeleteRequest, io.micro.sdk.store.DeleteResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Delete"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.store.DeleteRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.store.DeleteResponse.getDefaultInstance()))
              .setSchemaDescriptor(new StoreMethodDescriptorSupplier("Delete"))
              .build();
        }
      }
    }
    return getDeleteMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.store.ListRequest,
      io.micro.sdk.store.ListResponse> getListMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "List",
      requestType = io.micro.sdk.store.ListRequest.class,
      responseType = io.micro.sdk.store.ListResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<io.micro.sdk.store.ListRequest,
      io.micro.sdk.store.ListResponse> getListMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.store.ListRequest, io.micro.sdk.store.ListResponse> getListMethod;
    if ((getListMethod = StoreGrpc.getListMethod) == null) {
      synchronized (StoreGrpc.class) {
        if ((getListMethod = StoreGrpc.getListMethod) == null) {
          StoreGrpc.getListMethod = getListMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.store.ListRequest, io.micro.sdk.store.ListResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "List"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.store.ListRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.store.ListResponse.getDefaultInstance()))
              .setSchemaDescriptor(new StoreMethodDescriptorSupplier("List"))
              .build();
        }
      }
    }
    return getListMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.store.DatabasesRequest,
      io.micro.sdk.store.DatabasesResponse> getDatabasesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Databases",
      requestType = io.micro.sdk.store.DatabasesRequest.class,
      responseType = io.micro.sdk.store.DatabasesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.micro.sdk.store.DatabasesRequest,
      io.micro.sdk.store.DatabasesResponse> getDatabasesMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.store.DatabasesRequest, io.micro.sdk.store.DatabasesResponse> getDatabasesMethod;
    if ((getDatabasesMethod = StoreGrpc.getDatabasesMethod) == null) {
      synchronized (StoreGrpc.class) {
        if ((getDatabasesMethod = StoreGrpc.getDatabasesMethod) == null) {
          StoreGrpc.getDatabasesMethod = getDatabasesMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.store.DatabasesRequest, io.micro.sdk.store.DatabasesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Databases"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.store.DatabasesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.store.DatabasesResponse.getDefaultInstance()))
              .setSchemaDescriptor(new StoreMethodDescriptorSupplier("Databases"))
              .build();
        }
      }
    }
    return getDatabasesMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.store.TablesRequest,
      io.micro.sdk.store.TablesResponse> getTablesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Tables",
      requestType = io.micro.sdk.store.TablesRequest.class,
      responseType = io.micro.sdk.store.TablesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.micro.sdk.store.TablesRequest,
      io.micro.sdk.store.TablesResponse> getTablesMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.store.TablesRequest, io.micro.sdk.store.TablesResponse> getTablesMethod;
    if ((getTablesMethod = StoreGrpc.getTablesMethod) == null) {
      synchronized (StoreGrpc.class) {
        if ((getTablesMethod = StoreGrpc.getTablesMethod) == null) {
          StoreGrpc.getTablesMethod = getTablesMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.store.TablesRequest, io.micro.sdk.store.TablesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Tables"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.store.TablesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.store.TablesResponse.getDefaultInstance()))
              .setSchemaDescriptor(new StoreMethodDescriptorSupplier("Tables"))
              .build();
        }
      }
    }
    return getTablesMethod;
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
   * Store is a namespaced key/value store. Data is partitioned into databases and
   * tables; when none is given the caller's namespace and a default table are used.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Read one record by key, or many records when the prefix/suffix options are set.
     * </pre>
     */
    default void read(io.micro.sdk.store.ReadRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.store.ReadResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getReadMethod(), responseObserver);
    }

    /**
     * <pre>
     * Write (create or overwrite) a single record.
     * </pre>
     */
    default void write(io.micro.sdk.store.WriteRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.store.WriteResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getWriteMethod(), responseObserver);
    }

    /**
     * <pre>
     * Delete a single record by key.
     * </pre>
     */
    default void delete(io.micro.sdk.store.DeleteRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.store.DeleteResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteMethod(), responseObserver);
    }

    /**
     * <pre>
     * List the keys of a table, streamed back in batches.
     * </pre>
     */
    default void list(io.micro.sdk.store.ListRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.store.ListResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListMethod(), responseObserver);
    }

    /**
     * <pre>
     * Databases returns the names of all databases the caller may see.
     * </pre>
     */
    default void databases(io.micro.sdk.store.DatabasesRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.store.DatabasesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDatabasesMethod(), responseObserver);
    }

    /**
     * <pre>
     * Tables returns the names of the tables in a database.
     * </pre>
     */
    default void tables(io.micro.sdk.store.TablesRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.store.TablesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getTablesMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service Store.
   * <pre>
   * Store is a namespaced key/value store. Data is partitioned into databases and
   * tables; when none is given the caller's namespace and a default table are used.
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
   * Store is a namespaced key/value store. Data is partitioned into databases and
   * tables; when none is given the caller's namespace and a default table are used.
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
     * Read one record by key, or many records when the prefix/suffix options are set.
     * </pre>
     */
    public void read(io.micro.sdk.store.ReadRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.store.ReadResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getReadMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Write (create or overwrite) a single record.
     * </pre>
     */
    public void write(io.micro.sdk.store.WriteRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.store.WriteResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getWriteMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Delete a single record by key.
     * </pre>
     */
    public void delete(io.micro.sdk.store.DeleteRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.store.DeleteResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * List the keys of a table, streamed back in batches.
     * </pre>
     */
    public void list(io.micro.sdk.store.ListRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.store.ListResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getListMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Databases returns the names of all databases the caller may see.
     * </pre>
     */
    public void databases(io.micro.sdk.store.DatabasesRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.store.DatabasesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDatabasesMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Tables returns the names of the tables in a database.
     * </pre>
     */
    public void tables(io.micro.sdk.store.TablesRequest request,
        io.grpc.stub.StreamObserver<io.micro.sdk.store.TablesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getTablesMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service Store.
   * <pre>
   * Store is a namespaced key/value store. Data is partitioned into databases and
   * tables; when none is given the caller's namespace and a default table are used.
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
     * Read one record by key, or many records when the prefix/suffix options are set.
     * </pre>
     */
    public io.micro.sdk.store.ReadResponse read(io.micro.sdk.store.ReadRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getReadMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Write (create or overwrite) a single record.
     * </pre>
     */
    public io.micro.sdk.store.WriteResponse write(io.micro.sdk.store.WriteRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getWriteMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Delete a single record by key.
     * </pre>
     */
    public io.micro.sdk.store.DeleteResponse delete(io.micro.sdk.store.DeleteRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDeleteMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * List the keys of a table, streamed back in batches.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, io.micro.sdk.store.ListResponse>
        list(io.micro.sdk.store.ListRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getListMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Databases returns the names of all databases the caller may see.
     * </pre>
     */
    public io.micro.sdk.store.DatabasesResponse databases(io.micro.sdk.store.DatabasesRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDatabasesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Tables returns the names of the tables in a database.
     * </pre>
     */
    public io.micro.sdk.store.TablesResponse tables(io.micro.sdk.store.TablesRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getTablesMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service Store.
   * <pre>
   * Store is a namespaced key/value store. Data is partitioned into databases and
   * tables; when none is given the caller's namespace and a default table are used.
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
     * Read one record by key, or many records when the prefix/suffix options are set.
     * </pre>
     */
    public io.micro.sdk.store.ReadResponse read(io.micro.sdk.store.ReadRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getReadMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Write (create or overwrite) a single record.
     * </pre>
     */
    public io.micro.sdk.store.WriteResponse write(io.micro.sdk.store.WriteRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getWriteMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Delete a single record by key.
     * </pre>
     */
    public io.micro.sdk.store.DeleteResponse delete(io.micro.sdk.store.DeleteRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * List the keys of a table, streamed back in batches.
     * </pre>
     */
    public java.util.Iterator<io.micro.sdk.store.ListResponse> list(
        io.micro.sdk.store.ListRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getListMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Databases returns the names of all databases the caller may see.
     * </pre>
     */
    public io.micro.sdk.store.DatabasesResponse databases(io.micro.sdk.store.DatabasesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDatabasesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Tables returns the names of the tables in a database.
     * </pre>
     */
    public io.micro.sdk.store.TablesResponse tables(io.micro.sdk.store.TablesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getTablesMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service Store.
   * <pre>
   * Store is a namespaced key/value store. Data is partitioned into databases and
   * tables; when none is given the caller's namespace and a default table are used.
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
     * Read one record by key, or many records when the prefix/suffix options are set.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.micro.sdk.store.ReadResponse> read(
        io.micro.sdk.store.ReadRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getReadMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Write (create or overwrite) a single record.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.micro.sdk.store.WriteResponse> write(
        io.micro.sdk.store.WriteRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getWriteMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Delete a single record by key.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.micro.sdk.store.DeleteResponse> delete(
        io.micro.sdk.store.DeleteRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Databases returns the names of all databases the caller may see.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.micro.sdk.store.DatabasesResponse> databases(
        io.micro.sdk.store.DatabasesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDatabasesMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Tables returns the names of the tables in a database.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.micro.sdk.store.TablesResponse> tables(
        io.micro.sdk.store.TablesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getTablesMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_READ = 0;
  private static final int METHODID_WRITE = 1;
  private static final int METHODID_DELETE = 2;
  private static final int METHODID_LIST = 3;
  private static final int METHODID_DATABASES = 4;
  private static final int METHODID_TABLES = 5;

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
          serviceImpl.read((io.micro.sdk.store.ReadRequest) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.store.ReadResponse>) responseObserver);
          break;
        case METHODID_WRITE:
          serviceImpl.write((io.micro.sdk.store.WriteRequest) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.store.WriteResponse>) responseObserver);
          break;
        case METHODID_DELETE:
          serviceImpl.delete((io.micro.sdk.store.DeleteRequest) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.store.DeleteResponse>) responseObserver);
          break;
        case METHODID_LIST:
          serviceImpl.list((io.micro.sdk.store.ListRequest) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.store.ListResponse>) responseObserver);
          break;
        case METHODID_DATABASES:
          serviceImpl.databases((io.micro.sdk.store.DatabasesRequest) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.store.DatabasesResponse>) responseObserver);
          break;
        case METHODID_TABLES:
          serviceImpl.tables((io.micro.sdk.store.TablesRequest) request,
              (io.grpc.stub.StreamObserver<io.micro.sdk.store.TablesResponse>) responseObserver);
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
              io.micro.sdk.store.ReadRequest,
              io.micro.sdk.store.ReadResponse>(
                service, METHODID_READ)))
        .addMethod(
          getWriteMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.micro.sdk.store.WriteRequest,
              io.micro.sdk.store.WriteResponse>(
                service, METHODID_WRITE)))
        .addMethod(
          getDeleteMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.micro.sdk.store.DeleteRequest,
              io.micro.sdk.store.DeleteResponse>(
                service, METHODID_DELETE)))
        .addMethod(
          getListMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              io.micro.sdk.store.ListRequest,
              io.micro.sdk.store.ListResponse>(
                service, METHODID_LIST)))
        .addMethod(
          getDatabasesMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.micro.sdk.store.DatabasesRequest,
              io.micro.sdk.store.DatabasesResponse>(
                service, METHODID_DATABASES)))
        .addMethod(
          getTablesMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.micro.sdk.store.TablesRequest,
              io.micro.sdk.store.TablesResponse>(
                service, METHODID_TABLES)))
        .build();
  }

  private static abstract class StoreBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    StoreBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return io.micro.sdk.store.StoreOuterClass.getDescriptor();
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
              .addMethod(getDeleteMethod())
              .addMethod(getListMethod())
              .addMethod(getDatabasesMethod())
              .addMethod(getTablesMethod())
              .build();
        }
      }
    }
    return result;
  }
}
