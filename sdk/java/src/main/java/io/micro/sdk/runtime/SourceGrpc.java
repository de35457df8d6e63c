package io.micro.sdk.runtime;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Source receives service source code uploaded by the CLI and returns an id
 * that can then be used as the source of a Runtime.Create. The server cleans up
 * uploads itself.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class SourceGrpc {

  private SourceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "runtime.Source";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<io.micro.sdk.runtime.UploadRequest,
      io.micro.sdk.runtime.UploadResponse> getUploadMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Upload",
      requestType = io.micro.sdk.runtime.UploadRequest.class,
      responseType = io.micro.sdk.runtime.UploadResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.CLIENT_STREAMING)
  public static io.grpc.MethodDescriptor<io.micro.sdk.runtime.UploadRequest,
      io.micro.sdk.runtime.UploadResponse> getUploadMethod() {
    io.grpc.MethodDescriptor<io.micro.sdk.runtime.UploadRequest, io.micro.sdk.runtime.UploadResponse> getUploadMethod;
    if ((getUploadMethod = SourceGrpc.getUploadMethod) == null) {
      synchronized (SourceGrpc.class) {
        if ((getUploadMethod = SourceGrpc.getUploadMethod) == null) {
          SourceGrpc.getUploadMethod = getUploadMethod =
              io.grpc.MethodDescriptor.<io.micro.sdk.runtime.UploadRequest, io.micro.sdk.runtime.UploadResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.CLIENT_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Upload"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.runtime.UploadRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.micro.sdk.runtime.UploadResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SourceMethodDescriptorSupplier("Upload"))
              .build();
        }
      }
    }
    return getUploadMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static SourceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SourceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SourceStub>() {
        @java.lang.Override
        public SourceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SourceStub(channel, callOptions);
        }
      };
    return SourceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static SourceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SourceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SourceBlockingV2Stub>() {
        @java.lang.Override
        public SourceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SourceBlockingV2Stub(channel, callOptions);
        }
      };
    return SourceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static SourceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SourceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SourceBlockingStub>() {
        @java.lang.Override
        public SourceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SourceBlockingStub(channel, callOptions);
        }
      };
    return SourceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static SourceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SourceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SourceFutureStub>() {
        @java.lang.Override
        public SourceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SourceFutureStub(channel, callOptions);
        }
      };
    return SourceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Source receives service source code uploaded by the CLI and returns an id
   * that can then be used as the source of a Runtime.Create. The server cleans up
   * uploads itself.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Upload streams a source archive in chunks; the reply carries its id.
     * </pre>
     */
    default io.grpc.stub.StreamObserver<io.micro.sdk.runtime.UploadRequest> upload(
        io.grpc.stub.StreamObserver<io.micro.sdk.runtime.UploadResponse> responseObserver) {
      return io.grpc.stub.ServerCalls.asyncUnimplementedStreamingCall(getUploadMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service Source.
   * <pre>
   * Source receives service source code uploaded by the CLI and returns an id
   * that can then be used as the source of a Runtime.Create. The server cleans up
   * uploads itself.
   * </pre>
   */
  public static abstract class SourceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return SourceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service Source.
   * <pre>
   * Source receives service source code uploaded by the CLI and returns an id
   * that can then be used as the source of a Runtime.Create. The server cleans up
   * uploads itself.
   * </pre>
   */
  public static final class SourceStub
      extends io.grpc.stub.AbstractAsyncStub<SourceStub> {
    private SourceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SourceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SourceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Upload streams a source archive in chunks; the reply carries its id.
     * </pre>
     */
    public io.grpc.stub.StreamObserver<io.micro.sdk.runtime.UploadRequest> upload(
        io.grpc.stub.StreamObserver<io.micro.sdk.runtime.UploadResponse> responseObserver) {
      return io.grpc.stub.ClientCalls.asyncClientStreamingCall(
          getChannel().newCall(getUploadMethod(), getCallOptions()), responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service Source.
   * <pre>
   * Source receives service source code uploaded by the CLI and returns an id
   * that can then be used as the source of a Runtime.Create. The server cleans up
   * uploads itself.
   * </pre>
   */
  public static final class SourceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<SourceBlockingV2Stub> {
    private SourceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SourceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SourceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Upload streams a source archive in chunks; the reply carries its id.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<io.micro.sdk.runtime.UploadRequest, io.micro.sdk.runtime.UploadResponse>
        upload() {
      return io.grpc.stub.ClientCalls.blockingClientStreamingCall(
          getChannel(), getUploadMethod(), getCallOptions());
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service Source.
   * <pre>
   * Source receives service source code uploaded by the CLI and returns an id
   * that can then be used as the source of a Runtime.Create. The server cleans up
   * uploads itself.
   * </pre>
   */
  public static final class SourceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<SourceBlockingStub> {
    private SourceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SourceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SourceBlockingStub(channel, callOptions);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service Source.
   * <pre>
   * Source receives service source code uploaded by the CLI and returns an id
   * that can then be used as the source of a Runtime.Create. The server cleans up
   * uploads itself.
   * </pre>
   */
  public static final class SourceFutureStub
      extends io.grpc.stub.AbstractFutureStub<SourceFutureStub> {
    private SourceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SourceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SourceFutureStub(channel, callOptions);
    }
  }

  private static final int METHODID_UPLOAD = 0;

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
        default:
          throw new AssertionError();
      }
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public io.grpc.stub.StreamObserver<Req> invoke(
        io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_UPLOAD:
          return (io.grpc.stub.StreamObserver<Req>) serviceImpl.upload(
              (io.grpc.stub.StreamObserver<io.micro.sdk.runtime.UploadResponse>) responseObserver);
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getUploadMethod(),
          io.grpc.stub.ServerCalls.asyncClientStreamingCall(
            new MethodHandlers<
              io.micro.sdk.runtime.UploadRequest,
              io.micro.sdk.runtime.UploadResponse>(
                service, METHODID_UPLOAD)))
        .build();
  }

  private static abstract class SourceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    SourceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return io.micro.sdk.runtime.RuntimeOuterClass.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("Source");
    }
  }

  private static final class SourceFileDescriptorSupplier
      extends SourceBaseDescriptorSupplier {
    SourceFileDescriptorSupplier() {}
  }

  private static final class SourceMethodDescriptorSupplier
      extends SourceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    SourceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (SourceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new SourceFileDescriptorSupplier())
              .addMethod(getUploadMethod())
              .build();
        }
      }
    }
    return result;
  }
}
