//! A request whose body never arrives must not hold a worker and a connection forever. actix-web
//! times out the request *head* (`client_request_timeout`), not the body: this middleware gives
//! the whole body `BODY_DEADLINE`, after which the request is answered 408 and the connection
//! closed, whatever the handler made of the aborted read.

use std::cell::Cell;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::Duration;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::error::PayloadError;
use actix_web::middleware::Next;
use actix_web::rt::time::{sleep, Sleep};
use actix_web::web::Bytes;
use actix_web::ResponseError;
use futures_util::Stream;

use crate::error::AppError;

/// Bodies here are at most 64 KiB: ten seconds is generous even on a poor mobile link.
pub const BODY_DEADLINE: Duration = Duration::from_secs(10);

pub async fn body_deadline(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    // An upgraded connection (the WebSocket) is a stream for hours, not a body.
    if req.head().upgrade() {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_left_body);
    }
    let mut req = req;
    let path = req.path().to_owned();
    let expired = Rc::new(Cell::new(false));
    let (_, payload) = req.parts_mut();
    let timed = TimedPayload {
        inner: std::mem::replace(payload, Payload::None),
        timer: Box::pin(sleep(BODY_DEADLINE)),
        expired: expired.clone(),
    };
    *payload = Payload::from(Box::pin(timed) as Pin<Box<dyn Stream<Item = _>>>);
    let result = next.call(req).await;
    if !expired.get() {
        return result.map(ServiceResponse::map_into_left_body);
    }
    tracing::info!(%path, "request body not received in time");
    // Whatever the handler made of the aborted read, the client is told why, and the connection
    // is closed (`AppError::RequestTimeout` forces it).
    match result {
        Ok(response) => Ok(response
            .into_response(AppError::RequestTimeout.error_response())
            .map_into_right_body()),
        Err(_) => Err(AppError::RequestTimeout.into()),
    }
}

struct TimedPayload {
    inner: Payload,
    timer: Pin<Box<Sleep>>,
    expired: Rc<Cell<bool>>,
}

impl Stream for TimedPayload {
    type Item = Result<Bytes, PayloadError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if let Poll::Ready(item) = Pin::new(&mut self.inner).poll_next(cx) {
            return Poll::Ready(item);
        }
        if self.expired.get() || self.timer.as_mut().poll(cx).is_ready() {
            self.expired.set(true);
            return Poll::Ready(Some(Err(PayloadError::Io(io::Error::new(
                io::ErrorKind::TimedOut,
                "the request body did not arrive in time",
            )))));
        }
        Poll::Pending
    }
}
